"""What runs inside a training (imports TensorFlow): the callback, the logger, the summary ops."""
