from types import ModuleType

__version__: str
stats: ModuleType
abtest: ModuleType
drift: ModuleType
patterns: ModuleType
ltp: ModuleType
lineup: ModuleType

def _option_defaults() -> dict[str, dict[str, object]]: ...
