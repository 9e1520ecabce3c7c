from edgekit.monitoring import DLE as DLE
from edgekit.monitoring import DLEResult as DLEResult
from edgekit.monitoring import DomainClassifierCalculator as DomainClassifierCalculator
from edgekit.monitoring import DomainClassifierResult as DomainClassifierResult
