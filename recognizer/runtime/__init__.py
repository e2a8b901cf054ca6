"""What runs while playing: pose, canonical skeleton, features, GRU, classifier, decoder, live pipeline,
sources and capture, pose logs and player profiles. Never imports training, datasets or evaluation."""
