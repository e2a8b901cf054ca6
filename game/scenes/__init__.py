"""The game's scenes, one per file, each with handle/update/draw as in pygame's own examples."""
