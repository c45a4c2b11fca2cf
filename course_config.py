"""The course: its id, sessions, exercises, and every graded check with its points.

A check named ``x`` is the test ``test_x`` in ``graders/<session>/test_<exercise>.py``
(public) or ``graders/hidden/<session>/test_<exercise>.py`` (hidden: never released,
run by the instructor). CPU/GPU parity is worth 0 points: a grade must not depend on
whether the grading machine has a GPU; the `meta`-device check carries the points.
"""
from coursekit.config import Check, Course, Exercise, Session

# Checks every model exercise (one that defines an nn.Module) has: device handling.
DEVICE = (Check("follows_device", 1), Check("cuda_parity", 0))

SESSION01 = Session("session01", "Tensors and DNA encoding", (
    Exercise("ex01_dna_encoding", "One-hot DNA: looped, vectorised, batched", (
        Check("shape_and_dtype", 1), Check("encodes", 2), Check("custom_mapping", 1),
        Check("vectorized_equal", 2), Check("vectorized_no_loop", 1), Check("batch", 2),
        Check("round_trip", 1))),
    Exercise("ex02_expression_matrix", "Expression matrix: normalise, summarise", (
        Check("zscore", 2), Check("minmax", 1), Check("constant_genes", 1),
        Check("input_untouched", 1), Check("unknown_method", 1), Check("statistics", 2),
        Check("top_variable", 1))),
    Exercise("ex03_kmers", "Reverse complement and k-mers", (
        Check("reverse_complement", 2), Check("rc_one_hot", 2), Check("extract_kmers", 1),
        Check("encode_kmer_batch", 1), Check("sliding_windows", 2), Check("kmer_counts", 2))),
    Exercise("ex04_pwm", "Position weight matrices and motif scans", (
        Check("create_pwm", 2), Check("score", 2), Check("scan", 2), Check("scan_batch", 2),
        Check("scan_batch_no_loop", 1), Check("finds_implanted_motif", 1))),
    Exercise("ex05_broadcasting", "Broadcasting: centring, pairwise distances", (
        Check("centering", 2), Check("distances", 2), Check("distance_properties", 1),
        Check("unknown_positions", 1), Check("no_loop_over_pairs", 1))),
    Exercise("ex06_translation_gc", "Translation and GC content, with a figure", (
        Check("translation", 2), Check("stop_codon", 1), Check("translation_rules", 1),
        Check("gc_values", 2), Check("gc_windows", 1), Check("gc_figure", 2))),
))

SESSION02 = Session("session02", "Autograd and the training loop", (
    Exercise("ex01_manual_gradients", "Gradient descent, gradients by hand", (
        Check("linear_model", 1), Check("mse_loss", 1), Check("gradients", 2),
        Check("history", 1), Check("recovers_line", 1),
        Check("train_trajectory", 2, hidden=True))),
    Exercise("ex02_autograd", "Autograd: the same fit, gradients by autograd", (
        Check("history", 1), Check("leaves", 2), Check("grad_is_last_step", 2),
        Check("learns", 1), Check("train_trajectory", 2, hidden=True))),
    Exercise("ex03_optimizers", "Optimizers: SGD, momentum, Adam", (
        Check("history", 1), Check("optimizer_setup", 2), Check("learns", 1),
        Check("comparison", 1), Check("figure", 2),
        Check("train_trajectory", 2, hidden=True), Check("comparison_trajectories", 1, hidden=True))),
    Exercise("ex04_variant_classifier", "Variant classifier: logistic regression", (
        Check("variant_data", 2), Check("variant_data_seeded", 1), Check("logistic_model", 1),
        Check("bce", 2), Check("history", 1), Check("accuracy", 1),
        Check("train_trajectory", 2, hidden=True))),
    Exercise("ex05_train_validation", "Train/validation split and curves", (
        Check("split", 2), Check("split_seeded", 1), Check("validation_no_grad", 1),
        Check("validation_independent", 1), Check("history", 1), Check("learns", 1),
        Check("figure", 2), Check("train_trajectory", 2, hidden=True))),
    Exercise("ex06_early_stopping", "Over-fitting, early stopping, checkpoints", (
        Check("capacity", 1), Check("overfitting_gap", 1), Check("stops_after_patience", 2),
        Check("best_weights_restored", 2), Check("checkpoint_contents", 1),
        Check("resume_equals_uninterrupted", 2),
        Check("capacity_trajectory", 1, hidden=True),
        Check("early_stopping_trajectory", 1, hidden=True))),
))

SESSION03 = Session("session03", "Building neural networks with nn.Module", (
    Exercise("ex01_simple_mlp", "SimpleMLP: TF binding -> expression", (
        Check("architecture", 1), Check("output_shape", 1), Check("param_count", 1),
        Check("forward", 2), Check("train_history", 1), Check("learns", 1),
        Check("train_trajectory", 2, hidden=True), *DEVICE)),
    Exercise("ex02_promoter_classifier", "Promoter classifier + validation", (
        Check("encode_sequence", 2), Check("architecture", 1), Check("param_count", 1),
        Check("registered", 1), Check("forward", 2), Check("dropout_modes", 1),
        Check("train_modes", 2), Check("learns", 1), Check("learns_digits", 1),
        Check("train_trajectory", 2, hidden=True), *DEVICE)),
    Exercise("ex03_activations", "Activation functions", (
        Check("architecture", 1), Check("param_count", 1), Check("activations", 2),
        Check("unknown_activation", 1), Check("swish", 1), Check("mish", 1), Check("gelu", 1),
        Check("learns", 1, hidden=True), *DEVICE)),
    Exercise("ex04_batch_norm", "Batch normalisation", (
        Check("architecture", 1), Check("param_count", 1), Check("forward_order", 2),
        Check("running_stats", 1), Check("no_bn_identity", 1),
        Check("learns", 1, hidden=True), *DEVICE)),
    Exercise("ex05_dropout", "Inverted dropout", (
        Check("architecture", 1), Check("param_count", 1), Check("eval_deterministic", 1),
        Check("inverted_scaling", 2), Check("rate_zero", 1),
        Check("learns", 1, hidden=True), *DEVICE)),
    Exercise("ex06_weight_init", "Weight initialisation", (
        Check("architecture", 1), Check("param_count", 1), Check("zeros", 1),
        Check("xavier", 1), Check("kaiming", 1), Check("default", 1), Check("unknown_method", 1),
        Check("learns", 1, hidden=True), *DEVICE)),
    Exercise("ex07_multitask", "Multi-task: expression and tissue", (
        Check("architecture", 1), Check("param_count", 1), Check("heads", 2),
        Check("dropout_in_shared", 1), Check("history", 1), Check("learns", 1),
        Check("train_trajectory", 2, hidden=True), *DEVICE)),
))

SESSION04 = Session("session04", "CNNs for DNA sequences", (
    Exercise("ex01_simple_cnn", "SimpleCNN and the convolution output length", (
        Check("one_hot_encode", 1), Check("conv_output_length", 2), Check("architecture", 1),
        Check("param_count", 1), Check("output_shape", 2), Check("forward", 1), *DEVICE)),
    Exercise("ex02_motif_cnn", "MotifCNN: a TATA box anywhere", (
        Check("motif_data", 2), Check("motif_data_seeded", 1), Check("architecture", 1),
        Check("param_count", 1), Check("forward", 1), Check("position_invariance", 2),
        Check("any_length", 1), Check("learns", 1), *DEVICE)),
    Exercise("ex03_multiscale_cnn", "MultiScaleCNN: motifs of several widths", (
        Check("registered", 1), Check("param_count", 2), Check("branches_used", 2),
        Check("forward", 1), Check("learns", 1), *DEVICE)),
    Exercise("ex04_filter_visualisation", "What the filters learned", (
        Check("filter_figure", 2), Check("figure_axes", 1), Check("top_subsequences", 2),
        Check("top_order", 1), Check("finds_planted_motif", 1))),
    Exercise("ex05_splice_site", "SpliceSiteCNN: donor, acceptor, neither", (
        Check("architecture", 1), Check("param_count", 1), Check("logits", 1), Check("forward", 1),
        Check("eval_mode", 1), Check("learns_synthetic", 1), Check("learns_uci", 2), *DEVICE)),
    Exercise("ex06_deepbind", "DeepBind: both strands", (
        Check("architecture", 1), Check("param_count", 2), Check("reverse_complement", 1),
        Check("both_strands", 2), Check("eval_mode", 1), Check("auc", 1), *DEVICE)),
    Exercise("ex07_pwm_extraction", "From filters to PWMs and sequence logos", (
        Check("probability_matrix", 2), Check("crp_matches_logomaker", 2),
        Check("information_content", 2), Check("logo_figure", 2),
        Check("planted_motif_recovered", 1))),
))

SESSION05 = Session("session05", "RNNs over variable-length sequences", (
    Exercise("ex01_rnn_classifier", "An RNN classifier and one RNN step by hand", (
        Check("rnn_cell_step", 2), Check("architecture", 1), Check("param_count", 1),
        Check("output_shape", 1), Check("learns", 1), *DEVICE)),
    Exercise("ex02_lstm_variable_length", "LSTM over variable-length DNA: the last valid step", (
        Check("architecture", 1), Check("param_count", 1), Check("last_valid_step", 2),
        Check("padding_invariance", 2), Check("batch_invariance", 1), Check("bilstm_last_valid", 2),
        Check("learns", 1), *DEVICE)),
    Exercise("ex03_protein_bilstm", "Bidirectional LSTM: secondary structure per residue", (
        Check("architecture", 1), Check("param_count", 1), Check("per_residue_logits", 1),
        Check("both_directions", 2), Check("learns", 1), *DEVICE)),
    Exercise("ex04_packing", "Packing variable lengths", (
        Check("collate", 2), Check("lengths", 1), Check("equals_alone", 2),
        Check("unsorted_batch", 1), Check("no_padding_used", 1), *DEVICE)),
    Exercise("ex05_attention_pooling", "Attention pooling with a padding mask", (
        Check("weights_sum_to_one", 2), Check("zero_on_padding", 1), Check("pooled_vector", 1),
        Check("mask_before_softmax", 1), Check("attends_motif", 1), *DEVICE)),
    Exercise("ex06_masked_tagging", "A label per position: the masked loss", (
        Check("masked_loss", 2), Check("ignore_padding", 1), Check("tagger_shape", 1),
        Check("param_count", 1), Check("learns", 1), *DEVICE)),
))

SESSION06 = Session("session06", "Transfer learning across species and domains", (
    Exercise("ex01_frozen_features", "A frozen pretrained trunk and a new head: AdaptedModel", (
        Check("adapter_architecture", 1), Check("trainable_count", 1), Check("frozen_trunk", 2),
        Check("eval_features", 2), Check("head_learns", 1), *DEVICE)),
    Exercise("ex02_fine_tuning", "Fine-tuning to a new species from a state dict", (
        Check("load_trunk", 2), Check("strict_rules", 1), Check("new_head", 1),
        Check("fine_tune_steps", 1), Check("beats_scratch", 2), *DEVICE)),
    Exercise("ex03_gradual_unfreezing", "Unfreezing in stages with per-group learning rates", (
        Check("stages", 2), Check("param_groups", 2), Check("frozen_stay_put", 2),
        Check("unfreezing_order", 1), Check("defaults", 1))),
    Exercise("ex04_domain_adaptation", "Domain adaptation: gradient reversal and AdaBN", (
        Check("reversal_forward", 1), Check("reversal_backward", 2), Check("dann_gradients", 2),
        Check("adversarial_losses", 1), Check("adabn_statistics", 1), Check("adaptation_helps", 1),
        *DEVICE)),
    Exercise("ex05_multi_organism", "One trunk, one head per organism", (
        Check("registration", 1), Check("param_count", 1), Check("routing", 2),
        Check("chosen_head_gradients", 2), Check("learns_all", 1), *DEVICE)),
    Exercise("ex06_prototypical", "Few-shot motif classes: a prototypical network", (
        Check("episode_sampling", 2), Check("prototypes", 2), Check("logits", 1),
        Check("episode_loss", 1), Check("support_order", 1), Check("param_count", 1),
        Check("few_shot_accuracy", 1), *DEVICE)),
))

SESSION07 = Session("session07", "Transformers and self-attention for DNA", (
    Exercise("ex01_attention", "Scaled dot-product attention from scratch", (
        Check("matches_torch", 2), Check("attention_weights", 1), Check("boolean_mask", 2),
        Check("additive_mask", 1), Check("causal", 1), Check("fully_masked_row", 1), *DEVICE)),
    Exercise("ex02_multihead_attention", "Multi-head self-attention from scratch", (
        Check("architecture", 1), Check("param_count", 1), Check("matches_torch", 2),
        Check("attention_weights", 1), Check("key_padding_mask", 2), Check("heads_must_divide", 1),
        *DEVICE)),
    Exercise("ex03_positional_encoding", "Sinusoidal positional encoding: a buffer", (
        Check("closed_form", 2), Check("buffer_not_parameter", 2), Check("adds_to_input", 1),
        Check("any_length", 1), Check("too_long", 1), *DEVICE)),
    Exercise("ex04_encoder_block", "A pre-LayerNorm encoder block and DNATransformer", (
        Check("block_architecture", 1), Check("param_count", 1), Check("matches_torch", 2),
        Check("residual_paths", 2), Check("dropout_modes", 1), Check("padding_mask", 1),
        Check("dna_transformer", 1), Check("learns", 1), *DEVICE)),
    Exercise("ex05_dna_bert", "DNA-BERT: k-mer tokens, 80/10/10 masking, the MLM loss", (
        Check("tokenizer_round_trip", 2), Check("special_tokens", 1), Check("masking_rates", 2),
        Check("never_masks_specials", 1), Check("mlm_loss", 2), Check("param_count", 1),
        Check("learns_motif", 1), *DEVICE)),
    Exercise("ex06_dna_gpt", "GPT-style generation: causal mask, temperature, top-k", (
        Check("causal_mask", 1), Check("no_future_leakage", 2), Check("param_count", 1),
        Check("top_k", 2), Check("greedy_limit", 1), Check("seeded_sampling", 1),
        Check("generates_motif", 1), *DEVICE)),
))

SESSION08 = Session("session08", "Variational autoencoders for expression and DNA", (
    Exercise("ex01_autoencoder", "An autoencoder for expression profiles, and PCA", (
        Check("architecture", 1), Check("param_count", 1), Check("encode_decode", 1),
        Check("seeded_training", 1), Check("never_beats_pca", 2), Check("nears_pca", 1),
        Check("heldout_error_falls", 1), *DEVICE)),
    Exercise("ex02_vae", "The reparameterisation trick and the KL term", (
        Check("architecture", 1), Check("param_count", 1), Check("reparameterize", 2),
        Check("reparameterize_gradients", 1), Check("eval_uses_mean", 1), Check("kl_divergence", 2),
        Check("vae_loss", 2), *DEVICE)),
    Exercise("ex03_latent_space", "The latent space of real blood cells", (
        Check("param_count", 1), Check("encodings_deterministic", 1), Check("seeded_samples", 1),
        Check("separates_cell_types", 2), Check("plot_points", 2), Check("plot_legend_and_labels", 1),
        *DEVICE)),
    Exercise("ex04_conditional_vae", "A conditional VAE: cell type in, cell type out", (
        Check("one_hot", 1), Check("param_count", 1), Check("batch_independent", 2),
        Check("decoder_uses_label", 1), Check("generates_its_type", 2), Check("seeded_sampling", 1),
        *DEVICE)),
    Exercise("ex05_scrna_vae", "scRNAVAE: a negative-binomial likelihood with library sizes", (
        Check("param_count", 1), Check("nb_log_likelihood", 2), Check("means_sum_to_library", 2),
        Check("dispersion_positive", 1), Check("scrna_loss", 1), Check("heldout_nll_falls", 1), *DEVICE)),
    Exercise("ex06_sequence_vae", "A sequence VAE with a per-position categorical decoder", (
        Check("param_count", 1), Check("base_probabilities", 1), Check("reconstruction_log_prob", 2),
        Check("sequence_vae_loss", 1), Check("forward_modes", 2), Check("reconstructs_bases", 1),
        Check("prior_composition", 2), *DEVICE)),
))

SESSION09 = Session("session09", "GANs for expression profiles and DNA sequences", (
    Exercise("ex01_gan_step", "One training step each side: D, then G", (
        Check("param_count", 1), Check("discriminator_logits", 1), Check("d_step_leaves_g", 2),
        Check("g_step_leaves_d", 2), Check("losses_match_bce", 2), Check("clean_gradients", 1), *DEVICE)),
    Exercise("ex02_stabilisation", "Stabilising GANs: smoothing, instance noise, spectral norm", (
        Check("one_sided_smoothing", 2), Check("instance_noise", 2), Check("noise_annealing", 1),
        Check("spectral_norm", 2), Check("lipschitz", 1), Check("param_count", 1), *DEVICE)),
    Exercise("ex03_sequence_gan", "A sequence GAN with Gumbel-softmax one-hot DNA", (
        Check("soft_sample", 2), Check("hard_straight_through", 2), Check("argmax_frequencies", 1),
        Check("param_count", 1), Check("generates_the_motif", 2), *DEVICE)),
    Exercise("ex04_conditional_gan", "A conditional GAN: the label to both networks", (
        Check("label_embedding", 1), Check("param_count", 1), Check("generator_uses_label", 1),
        Check("discriminator_uses_label", 1), Check("generates_requested_class", 2), *DEVICE)),
    Exercise("ex05_wgan_gp", "WGAN-GP: the gradient penalty and the critic schedule", (
        Check("penalty_linear_critic", 2), Check("penalty_gradient", 2), Check("per_sample_norms", 1),
        Check("critic_loss", 1), Check("n_critic_schedule", 1), Check("param_count", 1), *DEVICE)),
    Exercise("ex06_expression_gan", "An expression GAN that covers every cell type", (
        Check("scaling_round_trip", 1), Check("minibatch_std", 2), Check("param_count", 1),
        Check("generate_expression", 1), Check("learns_the_cells", 4), Check("plot_gene_means", 1),
        *DEVICE)),
))

SESSION10 = Session("session10", "Diffusion models for sequence design", (
    Exercise("ex01_forward_diffusion", "Forward diffusion: noising in one step, one t per sample", (
        Check("linear_alpha_bar", 1), Check("matches_formula", 2), Check("one_t_per_sample", 2),
        Check("seeded_noise", 1), Check("marginal_moments", 2), *DEVICE)),
    Exercise("ex02_schedules", "Noise schedules: linear and cosine, and what follows from them", (
        Check("linear", 1), Check("cosine", 2), Check("clipping", 1), Check("alpha_bar", 1),
        Check("posterior_variance", 2))),
    Exercise("ex03_denoiser", "A denoiser with a sinusoidal time embedding", (
        Check("time_embedding", 2), Check("param_count", 1), Check("uses_time", 1),
        Check("noise_loss", 2), Check("learns", 2), *DEVICE)),
    Exercise("ex04_ancestral_sampling", "Ancestral sampling, checked with an oracle denoiser", (
        Check("process_schedule", 1), Check("p_sample_marginals", 3), Check("chain_ends_at_c", 2),
        Check("reverse_order_no_grad", 1), Check("seeded_sampling", 1), *DEVICE)),
    Exercise("ex05_classifier_free_guidance", "Classifier-free guidance: condition dropout, guided noise", (
        Check("condition_dropout", 2), Check("guidance_formula", 2), Check("no_dropout_when_sampling", 1),
        Check("param_count", 1), Check("learns", 2), *DEVICE)),
    Exercise("ex06_gc_design", "Designing DNA of a chosen GC content with guidance", (
        Check("decode_dna", 1), Check("gc_content", 1), Check("param_count", 1), Check("guided_sampling", 2),
        Check("guided_design", 4), Check("plot_gc", 1), *DEVICE)),
))

SESSION11 = Session("session11", "Optimisation and deployment", (
    Exercise("ex01_mixed_precision", "Mixed precision: bfloat16 autocast, float16 and a gradient scaler", (
        Check("autocast_dtypes", 2), Check("float32_master_weights", 1), Check("close_to_float32", 1),
        Check("scaler_skips_inf", 2), Check("uses_device_type", 1), Check("cuda_parity", 0))),
    Exercise("ex02_profiling_flops", "Profiling and FLOPs: where the time goes, what a layer costs", (
        Check("profiler_regions", 1), Check("op_counts", 1), Check("linear_flops", 1),
        Check("conv1d_flops", 2), Check("model_flops", 2))),
    Exercise("ex03_quantization", "Dynamic int8 quantisation: smaller, and still right", (
        Check("only_linear_replaced", 1), Check("original_untouched", 1), Check("size_ratio", 2),
        Check("predictions_agree", 1), Check("accuracy_kept", 1))),
    Exercise("ex04_pruning", "Global magnitude pruning, fine-tuned and made permanent", (
        Check("global_smallest", 2), Check("made_permanent", 1), Check("biases_untouched", 1),
        Check("zeros_survive", 1), Check("accuracy_kept", 1))),
    Exercise("ex05_distillation", "Knowledge distillation: a student a quarter of the size", (
        Check("loss_matches_kl_div", 2), Check("student_gradient", 2), Check("teacher_frozen", 1),
        Check("param_count", 1), Check("student_accuracy", 2), *DEVICE)),
    Exercise("ex06_export", "Exporting a model: torch.export and ONNX, reloaded and checked", (
        Check("reloads_match", 2), Check("onnx_checker", 1), Check("eval_mode", 1),
        Check("single_file", 1), Check("mode_restored", 1))),
))

SESSION12 = Session("session12", "Large-scale genomics: data pipelines and distributed training", (
    Exercise("ex01_indexed_fasta", "An indexed FASTA dataset: random access without loading the file", (
        Check("records_match", 2), Check("windows_match", 2), Check("streaming_index", 1),
        Check("small_pickle", 1), Check("bytes_read", 2), Check("unpickled_copy", 1),
        Check("two_workers", 1))),
    Exercise("ex02_loading", "Loading: padding collate, seeded workers, reproducible order", (
        Check("collate_padding", 2), Check("loader_order", 1), Check("global_rng_independent", 1),
        Check("worker_epoch_draws", 2), Check("loader_settings", 1))),
    Exercise("ex03_augmentation", "Augmentation: reverse complement, shifts and mutations", (
        Check("reverse_complement", 2), Check("shift", 2), Check("mutation_rate", 2),
        Check("n_untouched", 1), Check("generator_only", 1))),
    Exercise("ex04_data_parallel", "DataParallel and the module. prefix in checkpoints", (
        Check("wrapped_outputs", 1), Check("strip_prefix", 2), Check("inner_names_kept", 1),
        Check("checkpoint_round_trip", 2), Check("add_prefix", 1))),
    Exercise("ex05_ddp", "DistributedDataParallel on CPU: gloo, a free port, sharded epochs", (
        Check("setup_gloo", 1), Check("cleanup", 1), Check("setup_timeout", 1), Check("launch_runs", 1),
        Check("sampler_indices", 2), Check("ranks_identical", 1), Check("single_process_equal", 2)),
        timeout_s=60),  # the first check that needs the launch waits for it (up to its 36 s deadline)
    Exercise("ex06_genome_inference", "Whole-genome inference in windows; gradient checkpointing", (
        Check("stitched_equals_whole", 3), Check("overlap_split", 2), Check("bounded_memory", 2),
        Check("mode_restored", 1), Check("checkpoint_equal", 2), Check("input_without_grad", 1),
        Check("checkpoint_memory", 2))),
))

CAPSTONE1 = Session("capstone1", "Capstone 1: variant effect prediction", (
    Exercise("ex01_windows", "Variants from a VCF, clinical labels, windows, a split by chromosome", (
        Check("vcf_parsing", 1), Check("labels", 1), Check("windows_match", 2), Check("chromosome_split", 1))),
    Exercise("ex02_model", "A pretrained trunk, attention over positions, reference against alternate", (
        Check("trunk_loaded", 1), Check("attention_sums_to_one", 1), Check("alt_changes_logit", 1), *DEVICE)),
    Exercise("ex03_training", "Frozen, then fine-tuned; AUC on chromosomes never seen", (
        Check("auc_matches", 1), Check("frozen_phase", 1), Check("heldout_auc", 3),
        Check("pretrained_beats_scratch", 2), Check("attention_peak", 2),
        Check("heldout_auc_hidden", 8, hidden=True))),
    Exercise("ex04_figure", "The attention figure", (
        Check("figure_weights", 3), Check("figure_variant_marked", 1))),
), pipeline=True)

CAPSTONE2 = Session("capstone2", "Capstone 2: single cells, a VAE's latent space", (
    Exercise("ex01_vae", "A VAE for cells: negative-binomial and Gaussian likelihoods, the negative ELBO", (
        Check("interface", 1), Check("kl_matches", 1), Check("likelihoods_match", 1),
        Check("elbo_formula", 1), *DEVICE)),
    Exercise("ex02_clusters", "Training in a budget, clusters of held-out cells, the latent figure", (
        Check("training_budget", 1), Check("heldout_ari_matches", 1), Check("heldout_ari", 2),
        Check("pbmc_ari", 1), Check("figure_points", 3), Check("figure_labels", 1),
        Check("heldout_ari_hidden", 3, hidden=True))),
    Exercise("ex03_generation", "Cells of a chosen type, generated from its region of the latent space", (
        Check("generate_matches", 1), Check("generate_seeded", 1), Check("generated_types", 1),
        Check("generated_types_hidden", 3, hidden=True))),
    Exercise("ex04_pseudotime", "Pseudotime: shortest paths from the root on a graph of neighbours", (
        Check("pseudotime_matches", 1), Check("pseudotime_root", 1), Check("pseudotime_tracks_time", 2),
        Check("pseudotime_tracks_time_hidden", 3, hidden=True))),
), pipeline=True)

# A capstone: four modules, the stages of one pipeline, one assignment; 30 points, 15 of them on
# outcomes the graders measure themselves (most on a hidden twin with a seed of its own).
CAPSTONE3 = Session("capstone3", "Capstone 3: de novo sequence design with conditional diffusion", (
    Exercise("ex01_denoiser", "A conditional denoiser within a parameter cap; classifier-free guidance", (
        Check("interface", 1), Check("param_cap", 1), Check("guidance_formula", 1), *DEVICE)),
    Exercise("ex02_training", "Condition dropout, the denoising loss, training in a fixed budget", (
        Check("condition_dropout", 1), Check("loss_formula", 1), Check("training_budget", 1),
        Check("learns", 1))),
    Exercise("ex03_sampling", "Guided sampling, and designs the oracle scores higher", (
        Check("chain_matches", 1), Check("design_outcome", 3), Check("design_outcome_hidden", 12, hidden=True))),
    Exercise("ex04_evaluation", "Novelty, diversity and the score histogram", (
        Check("novelty", 1), Check("diversity", 1), Check("figure_bars", 3), Check("figure_labels", 1))),
), pipeline=True)

COURSE = Course(
    id="dl-genomics",
    seed=20241,
    check_timeout_s=30,
    cell_timeout_s=60,
    sessions=(SESSION01, SESSION02, SESSION03, SESSION04, SESSION05, SESSION06,
              SESSION07, SESSION08, SESSION09, SESSION10,
              SESSION11, SESSION12, CAPSTONE1, CAPSTONE2, CAPSTONE3),
)
