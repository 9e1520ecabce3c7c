from edgekit.monitoring import DLE as DLE
from edgekit.monitoring import DLEResult as DLEResult
