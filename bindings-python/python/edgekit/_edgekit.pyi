from types import ModuleType

__version__: str
stats: ModuleType
abtest: ModuleType
drift: ModuleType
patterns: ModuleType
ltp: ModuleType
lineup: ModuleType

def _option_defaults() -> dict[str, dict[str, object]]: ...
def _save_state(obj: object) -> tuple[str, bytes]: ...
def _load_state(kind: str, data: bytes) -> object: ...
def _saved_types() -> list[type]: ...
