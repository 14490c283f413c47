"""The Qt desktop client of `reader.core`: widgets and nothing else."""
