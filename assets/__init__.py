"""The game's levels and sounds, installed as package data of game (game.assets): found with importlib.resources."""
