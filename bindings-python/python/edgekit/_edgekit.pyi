from types import ModuleType

__version__: str
stats: ModuleType
abtest: ModuleType
patterns: ModuleType
