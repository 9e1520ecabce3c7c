from edgekit.monitoring import ChunkMonitor as ChunkMonitor
