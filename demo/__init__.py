"""The scenario catalogue: small real trainings, healthy and broken on purpose."""
