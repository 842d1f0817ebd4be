"""Serving the Plateau tab: TensorBoard plugin routes, the report cache, downsampling."""
