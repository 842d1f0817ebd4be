"""The reading side: event files, through a TensorBoard data provider, into numpy series."""
