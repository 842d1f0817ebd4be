"""The demo keeps TensorFlow's C++ log lines out of a newcomer's terminal, and nothing else."""

import subprocess
import sys
import textwrap


def test_native_log_lines_are_dropped_and_the_rest_kept():
    script = textwrap.dedent("""
        import os, sys, time
        from demo.__main__ import keep_native_logs_out
        keep_native_logs_out()
        os.write(2, b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\\n")
        os.write(2, b"I0000 00:00:1795860233.146807   11483 port.cc:153] oneDNN custom operations are on.\\n")
        os.write(2, b"E0000 00:00:1795860243.846212   11483 tfg_optimizer_hook.cc:135] tfg_optimizer failed\\n")
        os.write(2, b"\\twhen importing GraphDef to MLIR module in GrapplerHook\\n")
        os.write(2, b"a real error from a C library\\n")
        sys.stderr.write("[####....] 1/2 mlp/converged\\n")
        time.sleep(0.5)  # the filter thread forwards what it read
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                            cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "a real error from a C library" in err
    assert "[####....] 1/2 mlp/converged" in err
    for noise in ("absl::InitializeLog", "oneDNN", "tfg_optimizer", "GrapplerHook"):
        assert noise not in err
