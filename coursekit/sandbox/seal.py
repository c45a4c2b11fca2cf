"""Sealed verdicts: what a grading process reports, in a form the code it grades cannot forge.

Student code shares its process with the check that judges it, so anything that process
writes (a pipe, a file, a printed line) could have been written by the student's code.
Here the process's report is *sealed*: it carries a MAC made with a key that only an
audit hook (PEP 578) holds, and the hook seals only

- what the kit's own code asks for, from the one frame that was chosen when the hook
  was installed (the grading loop, or the kit's ``grade_check``): a call made from
  anywhere else is an alarm;
- after it has found the watched names (every function and class of torch, numpy, the
  kit, the graders, pytest and the standard modules loaded before the student's code)
  still bound to the objects recorded by :func:`snapshot` (else the verdict says which
  were replaced: "tampering detected").

An audit hook cannot be removed, and this one is reachable from no Python object: its
key and records live in its closure. So that no code can read them anyway, the hook
ends the process with a sealed alarm on every event that reads the interpreter's memory
or other frames (ctypes, ``gc.get_objects`` and friends, ``sys._current_frames``,
trace and profile functions, another audit hook, ``/proc/*/mem``), on any change of a
function's code, and on frame access while it is sealing. Other processes cannot read
this one's memory either: :func:`coursekit.sandbox.confine.confine` makes it
non-dumpable and drops every capability.

The reader (:func:`unseal`) holds the key, checks each sealed frame's MAC and order, and
trusts nothing else the process wrote. Nothing here imports the rest of the kit.
"""
from __future__ import annotations

import builtins
import gc
import hashlib
import hmac
import itertools
import marshal
import operator
import os
import sys
import types

ALARM_EXIT = 86  # the exit code of a process the hook ended
SEALED = "verdicts sealed (no graded code can report for a check; tampering detected and undone)"
MAX_TEXT = 20_000  # characters of each sealed string
_FORBIDDEN = frozenset({
    "gc.get_objects", "gc.get_referents", "sys._current_frames", "sys.addaudithook",
})
_TRACING = frozenset({"sys.settrace", "sys.setprofile", "gc.get_referrers"})
# Whose own functions may trace (the kit counts the lines a solution runs) or look for
# referrers (hypothesis checks its random generators); graded code may not, nor any other.
_TRUSTED_CALLERS = ("coursekit.", "hypothesis.")
_FRAME_EVENTS = frozenset({"sys._getframe", "object.__getattr__"})
_CODE_ATTRIBUTES = frozenset({"__code__", "__defaults__", "__kwdefaults__"})
# Rebound as a notebook runs (IPython's builtin trap, its display hook), so not watched.
_REBOUND_BUILTINS = frozenset({"input", "exit", "quit", "get_ipython", "display", "_", "__", "___"})
# Not watched: what rebinds its own names as it runs (sys, IPython, logging, warnings,
# pytest's capture), and torch's compiler and symbolic machinery, which no check calls
# (watching it would cost each check's process more than the check).
_UNWATCHED_MODULES = (
    "sys", "__main__", "IPython", "ipykernel", "traitlets", "logging", "warnings", "_pytest.capture",
    "_pytest.logging", "_pytest.warnings", "sympy", "mpmath", "torch._dynamo", "torch._inductor",
    "torch.fx", "torch.onnx", "torch._functorch", "torch._higher_order_ops", "torch.ao", "torch._numpy",
    "torch._subclasses", "torch._export", "torch.export", "torch._prims", "torch._refs", "torch._decomp",
    "torch.testing._internal", "torch.utils._sympy", "torch._library", "torch._logging",
    "torch.utils.benchmark", "torch.profiler", "torch._guards", "torch._ops", "torch.compiler",
    "onnx_ir", "onnxscript")
# torch's own code that calls ctypes while a check runs: the ONNX exporter reads each weight's
# bytes through ``from_address``. Allowed from this function only, known by the identity of its
# code, taken in the trusted process (the module not loaded by then allows nothing).
_CTYPES_MODULE, _CTYPES_CALLER = "torch.onnx._internal.exporter._core", ("TorchTensor", "_get_cbytes")


def new_key() -> bytes:
    return os.urandom(32)


def _watched_modules() -> list:
    found = []
    for name, module in list(sys.modules.items()):
        if not isinstance(module, types.ModuleType) or name == "builtins":
            continue
        if any(name == u or name.startswith(u + ".") for u in _UNWATCHED_MODULES):
            continue
        found.append(module)
    return found


def snapshot() -> tuple:
    """What the hook compares with: for every module loaded now, the name and object of
    each function and class it holds; for every such class, the same of its own dict, and
    its bases (a name added later must not shadow theirs); for every such Python function,
    its closure; and each of those dicts' version tag, so that the hook looks again only
    at the dicts that changed. Take it in the trusted process, after torch's lazy start
    and before any student code; pass it to :func:`install`."""
    dicts, classes, functions, modules = [], {}, {}, [builtins, *_watched_modules()]
    for module in modules:
        namespace = vars(module)
        positions = tuple(i for i, (k, v) in enumerate(namespace.items())
                          if type(k) is str and _definition(v)
                          and not (module is builtins and k in _REBOUND_BUILTINS))
        keys, values = list(namespace), list(namespace.values())
        dicts.append(_entry(namespace, [keys[i] for i in positions], [values[i] for i in positions],
                            frozenset(k for k in keys if type(k) is str), None, None, module.__name__))
        for i in positions:
            value = values[i]
            if isinstance(value, type):
                classes[id(value)] = value
            elif isinstance(value, types.FunctionType):
                functions[id(value)] = value
    for cls in classes.values():
        if _legacy_tensor_type(cls):
            continue
        namespace = type.__dict__["__dict__"].__get__(cls)
        keys, values = list(namespace), list(namespace.values())
        positions = tuple(i for i, v in enumerate(values) if _definition(v) or hasattr(type(v), "__get__"))
        label = f"{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', '?')}"
        inherited = tuple(type.__dict__["__dict__"].__get__(b) for b in cls.__mro__[1:])
        dicts.append(_entry(namespace, [keys[i] for i in positions], [values[i] for i in positions],
                            frozenset(keys), cls, inherited, label))
        for value in values:
            if type(value) in (classmethod, staticmethod):
                value = value.__func__
            if isinstance(value, types.FunctionType):
                functions[id(value)] = value
    cells = tuple((cell, cell.cell_contents) for f in functions.values() for cell in (f.__closure__ or ())
                  if _filled(cell))
    kit_code = frozenset(id(f.__code__) for f in functions.values()
                         if str(getattr(f, "__module__", "")).startswith(_TRUSTED_CALLERS))
    protected = frozenset([*functions, *map(id, modules)])
    addresses = _version_addresses([entry[0] for entry in dicts])
    versions = _read_versions(addresses) if addresses else ()
    return (tuple(dicts), cells, protected, frozenset(vars(builtins)), kit_code, addresses, versions,
            _ctypes_code())


def _ctypes_code() -> frozenset:
    """The id of ``_CTYPES_CALLER``'s code object if its module is loaded now (else empty)."""
    target = sys.modules.get(_CTYPES_MODULE)
    for name in _CTYPES_CALLER:
        target = getattr(target, name, None)
    return frozenset({id(target.__code__)} if isinstance(target, types.FunctionType) else ())


def _real_dict(namespace) -> dict:
    """The dict behind a class's mappingproxy (a module's namespace is one already)."""
    if type(namespace) is dict:
        return namespace
    return next(r for r in gc.get_referents(namespace) if isinstance(r, dict))  # ctypes': a subclass


def _version_offset() -> int | None:
    """Where CPython keeps a dict's version tag (PEP 509), which changes with every change
    of the dict; None where this interpreter has none that behaves so (then every watched
    name is compared each time, which is slower)."""
    try:
        import ctypes
    except ImportError:
        return None
    probe, offset = {"a": 1}, 3 * ctypes.sizeof(ctypes.c_ssize_t)
    read = ctypes.c_uint64.from_address
    first = read(id(probe) + offset).value
    probe["a"] = 2
    second = read(id(probe) + offset).value
    probe["b"] = 3
    third = read(id(probe) + offset).value
    still = read(id(probe) + offset).value
    return offset if first != second != third == still else None


def _version_addresses(namespaces) -> tuple:
    offset = _version_offset()
    if offset is None:
        return ()
    return tuple(id(_real_dict(n)) + offset for n in namespaces)


def _read_versions(addresses) -> tuple:
    import ctypes

    return tuple(map(operator.attrgetter("value"), map(ctypes.c_uint64.from_address, addresses)))


def _entry(namespace, keys: list, values: list, known: frozenset, owner, inherited, label: str) -> tuple:
    """One watched dict: C-level getters of all its names (each must still be there, so
    that no new name took the place of an old one) and of its watched names (the first
    twice, so that a getter always returns a tuple), and what those were bound to."""
    names = list(known)
    present = operator.itemgetter(*names, names[0]) if names else None
    getter = operator.itemgetter(*keys, keys[0]) if keys else None
    expected = tuple(values) + tuple(values[:1])
    return namespace, (present, getter), tuple(keys), expected, known, owner, inherited, label


_CURRENT: dict = {}


def current_snapshot() -> tuple:
    """:func:`snapshot`, taken again only when modules were imported since the last one."""
    if _CURRENT.get("modules") != len(sys.modules):
        _CURRENT["snapshot"] = snapshot()
        _CURRENT["modules"] = len(sys.modules)
    return _CURRENT["snapshot"]


def _definition(value) -> bool:
    """A function or class defined once, at import (not one made per call, which a module
    may hold for a while: a hook of pytest's, say)."""
    return callable(value) and "<locals>" not in str(getattr(value, "__qualname__", ""))


def _legacy_tensor_type(cls) -> bool:
    """torch.FloatTensor and its kind: no tensor a check makes is one of them."""
    import torch

    return type(cls) is type(torch.FloatTensor)


def _filled(cell) -> bool:
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True


def install(fd: int, key: bytes, recorded: tuple, verdict_code=None) -> None:
    """Install the hook in this process (once; it stays until the process ends). The
    caller's frame becomes the one frame whose ``sys.audit("coursekit.seal", ...)`` is
    sealed; ``verdict_code``: the code object of the kit function whose
    ``sys.audit("coursekit.verdict", ...)`` is recorded for the next seal.

    Events, from that frame only:

    - ``coursekit.expect`` (name): the next seal is for check ``name``; forget any verdict;
    - ``coursekit.seal`` (name, status, reason, message): seal this outcome of ``name``,
      after the tampering check; with ``status`` "verdict", seal instead the verdict
      recorded since the last expect (or "failed: no verdict");

    from ``verdict_code``: ``coursekit.verdict`` (name, status, reason, message).
    Everything the hook uses is bound here, in its closure: rebinding a builtin or a
    module global later changes nothing it does.
    """
    is_, type_, id_, len_, all_, any_, map_, list_, str_, tuple_, zip_, issubclass_ = (
        operator.is_, type, id, len, all, any, map, list, str, tuple, zip, issubclass)
    blake2b, dumps, write, exit_now = hashlib.blake2b, marshal.dumps, os.write, os._exit
    getframe = sys._getframe
    gc_disable, gc_enable, gc_isenabled = gc.disable, gc.enable, gc.isenabled
    kinds, module_type = (str, int, type(None)), types.ModuleType
    forbidden, frame_events, code_attributes, tracing = _FORBIDDEN, _FRAME_EVENTS, _CODE_ATTRIBUTES, _TRACING
    max_text, alarm_exit = MAX_TEXT, ALARM_EXIT
    dicts, cells, protected, builtin_names, kit_code, addresses, versions, ctypes_code = recorded
    accepted = list(versions)  # a dict changed harmlessly since the snapshot: its new version
    exporter = sys.modules.get(_CTYPES_MODULE) if ctypes_code else None
    exporter_globals = vars(exporter) if exporter else None
    ctypes_module = sys.modules.get("ctypes")
    if ctypes_code:
        import torch

        tensor_type, data_ptr, is_contiguous = torch.Tensor, torch.Tensor.data_ptr, torch.Tensor.is_contiguous
    if addresses:
        import ctypes

        version_at, value_of = ctypes.c_uint64.from_address, operator.attrgetter("value")
    tuple_of, ne, compress = tuple, operator.ne, itertools.compress
    cell_objects, cell_values = tuple_(c for c, _ in cells), tuple_(v for _, v in cells)
    contents = operator.attrgetter("cell_contents")
    type_mro, type_dict = type.__dict__["__mro__"].__get__, type.__dict__["__dict__"].__get__
    callable_, missing = callable, object()
    set_type_attr, del_type_attr = type.__setattr__, type.__delattr__
    runner = getframe(1)
    state = {"seq": 0, "sealing": False, "self": False, "expect": None, "verdict": None}

    def put_back(namespace, owner, name, value) -> None:
        try:
            if owner is None:
                namespace[name] = value
            else:
                set_type_attr(owner, name, value)
        except (TypeError, AttributeError):
            pass

    def behaves(value) -> bool:
        """Whether ``value`` can stand in for a method: callable, or a descriptor."""
        return callable_(value) or any_("__get__" in type_dict(c) for c in type_mro(type_(value)))

    def replaced() -> tuple:
        """The watched names bound to something else now (or shadowed), each put back."""
        found = []
        if addresses:  # one C-level read per watched dict: which changed since last time
            versions_now = tuple_of(map_(value_of, map_(version_at, addresses)))
            if versions_now == tuple_of(accepted):
                changed = ()
            else:
                changed = list_(compress(range(len_(versions_now)), map_(ne, versions_now, accepted)))
        else:
            changed = range(len_(dicts))
        for index in changed:
            namespace, (present, getter), keys, values, known, owner, inherited, label = dicts[index]
            try:  # the usual change: a name added or a counter moved, every watched name as it was
                if len_(namespace) == len_(known) and (present is None or present(namespace)) and (
                        getter is None or all_(map_(is_, getter(namespace), values))):
                    if addresses:
                        accepted[index] = versions_now[index]
                    continue
            except KeyError:  # a name removed
                pass
            now_keys, now_values = list_(namespace), list_(namespace.values())
            now = {k: v for k, v in zip_(now_keys, now_values) if type_(k) is str_}
            before = len_(found)
            for k, v in zip_(keys, values):
                if now.get(k, missing) is not v:
                    found.append(label + "." + k)
                    put_back(namespace, owner, k, v)
            added = [(k, v) for k, v in zip_(now_keys, now_values) if type_(k) is not str_ or k not in known]
            for k, v in added:
                if owner is None:  # a module: a new global must not shadow a builtin
                    if type_(k) is not str_ or (k in builtin_names and label != "builtins"):
                        found.append(label + "." + (k if type_(k) is str_ else "<not a name>"))
                        namespace.pop(k, None)
                elif any_(k in base for base in inherited) and behaves(v):  # a class: nor a method
                    found.append(label + "." + k)
                    try:
                        del_type_attr(owner, k)
                    except (TypeError, AttributeError):
                        pass
            if len_(found) == before and addresses:  # harmless (names added): the new usual
                accepted[index] = versions_now[index]
        try:
            closures_kept = all_(map_(is_, map_(contents, cell_objects), cell_values))
        except ValueError:  # a cell emptied
            closures_kept = False
        if not closures_kept:
            found.append("a variable in a closure of a watched function")
            for cell, value in zip_(cell_objects, cell_values):
                cell.cell_contents = value
        return tuple_(found[:20])

    def seal(payload: tuple, tampered: tuple) -> None:
        message = dumps(("outcome", state["seq"], payload, tampered))
        state["seq"] += 1
        mac = blake2b(message, key=key, digest_size=32).hexdigest()
        body = b'{"sealed": "' + message.hex().encode() + b'", "mac": "' + mac.encode() + b'"}'
        data = len_(body).to_bytes(4, "big") + body
        while data:
            data = data[write(fd, data):]

    def alarm(what: str) -> None:
        """End the process now. What it did goes out unsealed: it can only lower a score."""
        body = b'{"alarm": "' + what.encode("ascii", "replace").replace(b'"', b"'") + b'"}'
        try:
            write(fd, len_(body).to_bytes(4, "big") + body)
        finally:
            exit_now(alarm_exit)

    def clean(values):
        if type_(values) is not tuple_ or not all_(type_(v) in kinds for v in values):
            return None
        return tuple_(v[:max_text] if type_(v) is str_ else v for v in values)

    def caller():
        state["self"] = True
        try:
            frame = getframe(3)  # caller <- answer <- hook <- whoever called sys.audit
            return frame, frame.f_code
        finally:
            state["self"] = False

    def caller_code():
        return getframe(2).f_code  # caller_code <- hook <- the code that raised the event

    def reads_a_tensor(event, args) -> bool:
        """torch's ONNX exporter reading one weight's bytes (``_CTYPES_CALLER``): the event
        comes from that function's own code run in its own module, the address is where a
        real, contiguous tensor's data starts, and nothing that sizes the read was replaced."""
        if event != "ctypes.cdata" or not ctypes_code:
            return False
        frame = getframe(2)  # reads_a_tensor <- hook <- the code that raised the event
        if id_(frame.f_code) not in ctypes_code or frame.f_globals is not exporter_globals:
            return False
        tensor = frame.f_locals.get("tensor")
        if not (exporter_globals.get("ctypes") is ctypes_module and type_(tensor) is tensor_type
                and is_contiguous(tensor) and args[:1] == (data_ptr(tensor),)):
            return False
        state["sealing"] = True  # replaced() reads dict versions through ctypes itself
        try:
            return not replaced()
        finally:
            state["sealing"] = False

    def hook(event, args):
        if state["sealing"]:
            if state["self"] and event in frame_events:
                return
            if event in frame_events or event[:10] == "coursekit.":
                alarm(event + " while the grading process was sealing its verdict")
            return
        if event in tracing:
            if id_(caller_code()) not in kit_code:
                alarm(event)
        elif event in forbidden:
            alarm(event)
        elif event[:7] == "ctypes.":
            if not reads_a_tensor(event, args):
                alarm(event)
        elif event == "object.__setattr__" or event == "object.__delattr__":
            obj, name = args[0], args[1]
            if type_(name) is str_ and id_(obj) in protected and (name in code_attributes or (
                    name == "__class__" and issubclass_(type_(obj), module_type))):
                alarm("setting " + name + " of a function or module the checks use")
        elif event == "open":
            path = args[0]
            if type_(path) is str_ and path[:6] == "/proc/" and path[-4:] == "/mem":
                alarm("opening a process's memory")
        elif event[:10] == "coursekit.":
            was_enabled = gc_isenabled()
            gc_disable()  # no finalizer of the student's runs while this frame is live
            state["sealing"] = True
            try:
                answer(event, args)
            finally:
                state["sealing"] = False
                if was_enabled:
                    gc_enable()

    def answer(event, args):
        frame, code = caller()
        values = clean(args)
        if event == "coursekit.verdict":
            if code is not verdict_code or values is None or len_(values) != 4:
                alarm("coursekit.verdict from code that is not the kit's grade_check")
            if values[0] == state["expect"]:
                state["verdict"] = (values, replaced())
        elif frame is not runner or values is None:
            alarm(event + " from code that is not the grading loop")
        elif event == "coursekit.expect" and len_(values) == 1:
            state["expect"], state["verdict"] = values[0], None
        elif event == "coursekit.seal" and len_(values) == 4:
            if values[1] != "verdict":
                seal(values, replaced())
            elif state["verdict"] is None or state["expect"] != values[0]:
                seal((values[0], "failed", "no verdict",
                      "the check never reported its outcome (was grade_check replaced?)"), ())
            else:
                seal(*state["verdict"])
            state["expect"], state["verdict"] = None, None
        else:
            alarm(event + " with arguments the kit never sends")

    del recorded
    sys.addaudithook(hook)


class Opener:
    """The reader's side: opens the sealed reports of one process in the order they were
    sealed. :meth:`open` returns (payload, tampered) for a sealed message, None for any
    other message (it keeps the text of an alarm in :attr:`alarm`), and raises ValueError
    for a forged seal or one out of order (a replay)."""

    def __init__(self, key: bytes):
        self.key, self.expected, self.alarm = key, 0, None

    def open(self, message):
        if isinstance(message, dict) and isinstance(message.get("alarm"), str):
            self.alarm = message["alarm"]
        if not isinstance(message, dict) or "sealed" not in message:
            return None
        try:
            data, mac = bytes.fromhex(message["sealed"]), bytes.fromhex(message["mac"])
        except (TypeError, ValueError, KeyError):
            raise ValueError("a report with a seal that does not parse") from None
        if not hmac.compare_digest(mac, hashlib.blake2b(data, key=self.key, digest_size=32).digest()):
            raise ValueError("a report with a forged seal")
        kind, seq, payload, tampered = marshal.loads(data)
        if seq != self.expected:
            raise ValueError("a sealed report out of order (a replay)")
        self.expected += 1
        return payload, tampered


def unseal(key: bytes, messages) -> tuple[list[tuple], str | None]:
    """All the sealed reports among ``messages``, in order, and the alarm, if any."""
    opener = Opener(key)
    found = [opened for opened in map(opener.open, messages) if opened is not None]
    return found, opener.alarm


def tampering_message(tampered) -> str:
    shown = ", ".join(tampered[:5]) + (f" and {len(tampered) - 5} more" if len(tampered) > 5 else "")
    return (f"tampering detected: your code replaced {shown}; a check cannot grade code that "
            "changes the tools it is graded with, so it scores 0")


def alarm_message(alarm: str) -> str:
    return (f"tampering detected: your code did something grading does not allow ({alarm}): reading "
            "the interpreter's memory or other frames, tracing, or changing the code of a function "
            "the checks use; the check scores 0")
