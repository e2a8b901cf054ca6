"""The trained model, installed as package data of recognizer (recognizer.models): found with importlib.resources."""
