"""Training: windows and their sampling, the Keras GRU, and the model card."""
