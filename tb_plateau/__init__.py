"""tb-plateau: find where a training's loss stalled and why, in TensorBoard."""

__version__ = "0.1.0"

# The reading side (plugin, CLI) must never import TensorFlow, so the logging front doors
# are resolved lazily: `tb_plateau.PlateauCallback` imports TF only when first touched.
_LAZY = {
    "PlateauCallback": "tb_plateau.record.callback",
    "PlateauLogger": "tb_plateau.record.logger",
    "summary": "tb_plateau.record.summary",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        module = importlib.import_module(_LAZY[name])
        return module if name == "summary" else getattr(module, name)
    raise AttributeError(f"module 'tb_plateau' has no attribute {name!r}")


__all__ = ["PlateauCallback", "PlateauLogger", "summary", "__version__"]
