"""Runs of studied held-out catalogues (read after their one scoring, no longer held out)
that the engine once got wrong, retrained for real and read back through TensorBoard's own
loading code: what their report must say now."""

import re
import sys

import numpy as np
import pytest

try:
    from tb_plateau.demo import runner
except ImportError:  # a checkout without `pip install -e .`
    from tests.test_scenarios import ROOT
    sys.path.insert(0, str(ROOT))
    from demo import runner

# (catalogue, run): what the report must say.
RUNS = {
    # A Poisson model with a log-exposure offset starts near its converged loss, which is
    # noisy and falls 10% in all: the probe scores below the best constant measured on it.
    ("holdout117", "actuaries/claim_counts_exposure_offset"): "no_problem",
    # A hand-written gamma likelihood in a GradientTape loop, no probe, no baseline: the loss
    # fell well below its first values within the first tenth of the run.
    ("holdout117", "actuaries/gamma_severity_custom_loop"): "no_problem",
    # 192 patches memorised: gradients on the probe grow as the model grows confident while
    # the probe's loss keeps falling, at a good training loss.
    ("holdout117", "radiologists/tiny_cohort_separable"): "no_problem",
    # RandomUniform(0, 0.15) kernels pin the sigmoid units at one end: the saturation ranks
    # first, with the initializer as its fix.
    ("holdout118", "perfumers/uniform_without_minval"): "saturated_activations",
    # PolynomialDecay with decay_steps=10 meant as epochs: the rate is 1e-6 from step 10.
    ("holdout118", "archivists/decay_steps_in_epochs"): "learning_rate_too_low",
    # A gradient accumulator never reset: the summed gradients killed the ReLUs.
    ("holdout118", "horologists/accumulator_never_reset"): "exploding_gradients",
    # A tanh SimpleRNN whose recurrent kernel starts at Orthogonal(gain=2.0): its state is
    # pinned at +-1 by its own recurrence, the symptom of the gradient through time growing.
    ("holdout120", "limnologists/simple_rnn_gain_2_no_clipping"): "exploding_gradients",
    # Self-attention and a global pooling without a position embedding: a bag of steps
    # cannot tell which of two comes first.
    ("holdout122", "choreographers/attention_without_positions"): "insufficient_capacity",
    # A decoupled decay written w - lr * wd: every weight drifts negative alike and the
    # ReLUs go silent, at a learning rate that is normal for SGD.
    ("holdout122", "puppeteers/weight_decay_without_weight"): "dead_relus",
    # Sigmoid layers whose kernels start from RandomNormal(stddev=10), centred but 160 x
    # too wide: every unit at one flat end or the other from the first step.
    ("holdout124", "dermatologists/lesion_head_stddev_ten"): "saturated_activations",
    # A relu on the logit under BinaryCrossentropy(from_logits=True): no clasp can be called
    # sound at better than even odds, though the loss fell to 72% of the constant's.
    ("holdout130", "jewellers/clasp_defect_relu_logit"): "loss_activation_mismatch",
    # Rescaling(50) before the softmax under MSE on one-hot targets: every output pinned at
    # one-hot from the first batch, no gradient back.
    ("holdout130", "opticians/lens_defect_sharpened_softmax"): "saturated_activations",
    # Positive RandomUniform(0, 0.05) kernels on spectra that are all negative: every ReLU is
    # zero for every example from the first step (dead alike, not copies of each other).
    ("holdout130", "florists/rot_spectra_positive_kernels"): "dead_relus",
    # A tanh SimpleRNN whose recurrent kernel starts RandomNormal(stddev=1) (gain ~5.7),
    # under SGD at a normal rate: pinned at +-1 by its own recurrence, whose flat ends cut
    # the probe's gradient through time (so moderate gradients there are no alibi).
    ("holdout135", "lumberjacks/saw_rnn_unit_normal_recurrent"): "exploding_gradients",
    # A GRU and the Dense after it both start from Constant(0.02): the GRU's 24 units stay
    # exact copies, though the loss fell below half the constant's.
    ("holdout137", "journalists/keystroke_gru_constant_init"): "poor_initialization",
    # Eight tanh layers drawn from RandomNormal(stddev=1): at the first step, before any
    # update, the gradients grow 42 x from the output back to the first layer.
    ("holdout140", "composers/deep_tanh_unit_variance_init"): "exploding_gradients",
    # Twelve ReLU layers at twice He's variance: the first gradients are 14 x the weights.
    ("holdout133", "gardeners/blight_deep_relu_gain_squared"): "exploding_gradients",
    # An LSTM whose bias_initializer=Constant(5.0) starts every gate and the candidate at
    # their flat ends: its output stays pinned near 1, though the loss fell to 46% of the
    # constant's (a level that alone would pass for converged).
    ("holdout117", "epidemiologists/lstm_bias_everywhere"): "saturated_activations",
    # A tanh SimpleRNN started at Orthogonal(gain=3.0): pinned at +-1 by its own
    # recurrence, at a loss of 25% of the constant's; the gain is its mechanism there too.
    ("holdout152", "testers/soak_test_rnn_recurrent_gain"): "exploding_gradients",
    # Three tanh layers under VarianceScaling(scale=fan_in): weights of stddev 1, gain 8 over
    # Glorot, saturated from the first step and still at 44% of the constant's loss.
    ("holdout77", "compassmakers/deviation_fan_in_scale"): "saturated_activations",
    # LayerNormalization scales started at sqrt(64) = 8 before each tanh: the units sit past
    # the slope from the first step, at 46% of the constant's loss.
    ("holdout26", "potteries/layer_norm_scale_set_to_root_width"): "saturated_activations",
    # A Deep Sets sum over 1000 readings feeds a tanh layer pre-activations in the hundreds:
    # saturated for every output, though the loss is at 30% of the constant's.
    ("holdout42", "hoopers/rivet_set_sum_pooling"): "saturated_activations",
    # One Dense(1) on a wiggly target (the hidden layers commented out), at 86% of the
    # constant's loss: its update/weight ratios are large only because its weights shrank
    # toward zero, which says nothing against the model's size.
    ("holdout128", "machinists/hidden_layers_commented_out"): "insufficient_capacity",
    # A tanh SimpleRNN over 90 ticks under SGD with momentum, its recipe's clipnorm dropped:
    # the loss fell, then came back to the constant's level in one step and stayed.
    ("holdout157", "dollmakers/stitch_rnn_without_clipping"): "exploding_gradients",
    # A softmax regression (no hidden layer) on an elliptic boundary under Adam 3e-2, flat
    # at the constant's loss without swings: its convex loss would swing if the steps
    # overshot, so the large update ratios do not make the rate the cause.
    ("holdout156", "gemcutters/baseline_left_in_grader"): "insufficient_capacity",
    # A LearningRateScheduler whose `epoch % 4 == 0` also fires before the first epoch: the
    # run's peak rate is already 3e-5 (update ratios under 1e-4), so the loss being flat
    # there does not excuse the rate's later fall to 3e-9.
    ("holdout162", "minstrels/verse_lstm_modulo_decay"): "learning_rate_too_low",
    # A custom loop's hand-written U(-1/fan_in, 1/fan_in) kernels (the sqrt left out): the
    # config states no scale, the first logged weights show gain 0.05 per layer.
    ("holdout162", "pilgrims/toll_ledger_hand_init_no_sqrt"): "poor_initialization",
    # SimpleRNNs under unclipped SGD (0.1 with momentum over 80 timesteps; 0.3 over 48) at
    # the constant level, the loss never coming back in one step: the recurrent weights
    # stepped 2% of their norm per step (healthy ~0.1%), which a vanishing gradient through
    # time would not do, at rates normal for SGD.
    ("holdout167", "marshals/gait_rnn_unclipped"): "exploding_gradients",
    ("holdout168", "thanes/rnn_without_its_clipnorm"): "exploding_gradients",
    # Heads that read position 0 only (a Lambda taking t[:, 0], the [CLS] habit without
    # attention): a forward LSTM's first state has seen one ballot of 12; two kernel-3
    # convolutions bring three of 40 tokens there.
    ("holdout174", "jurors/ballot_lstm_first_state"): "insufficient_capacity",
    ("holdout162", "minstrels/song_kind_cls_token_head"): "insufficient_capacity",
    # Eight relu layers drawn RandomNormal(1): the first gradients exploded through the
    # depth, and the units that died afterwards are its consequence.
    ("holdout173", "prebendaries/tenant_tower_randn_init"): "exploding_gradients",
    # A bell-method SimpleRNN under SGD 0.02 with momentum, its clipnorm dropped: after a
    # first fall it went back to the constant's level, its recurrent weights 1.6x their start.
    ("holdout176", "ringers/unclipped_recurrence"): "exploding_gradients",
    # kernel_initializer='identity' on Dense(64) ReLU layers reading 2 coordinates: 62 units
    # of each start with no weight and never get a gradient.
    ("holdout177", "freebooters/identity_kernels_from_irnn"): "poor_initialization",
    # A SimpleRNN started at Orthogonal(gain=1.5) under SGD 0.05 with momentum, no clipping:
    # its large steps are the recurrence's gradient through time, not a rate normal for SGD.
    ("holdout179", "whittawers/bath_rnn_without_clipping"): "exploding_gradients",
    # A Bidirectional tanh SimpleRNN(32) with recurrent kernels uniform in [-1, 1] (gain
    # ~3.3): read through its wrapper, it is the recurrence pinned by its own gain.
    ("holdout181", "ribbonweavers/loom_vibration_birnn_uniform_recurrence"):
        "exploding_gradients",
    # Attention classifiers on labels with 10-15% noise whose loss creeps down at a steady
    # pace to the end, at 92-95% of the constant's loss: long slow convergence, no stall.
    ("holdout183", "bordars/charter_attention_noisy"): "no_problem",
    ("holdout184", "harrowers/stone_ahead_attention"): "no_problem",
    # RandomNormal(0.05, 0.0) meant as (stddev, mean): every kernel weight starts at 0.05 and
    # each hidden layer's 64 units stay copies, though the loss reached 42% of the constant's.
    ("holdout189", "peat_diggers/random_normal_arguments_swapped"): "poor_initialization",
    # An LSTM(1) before a four-way softmax: its one output codes the markets at +-1, the
    # saturation the narrowness's symptom.
    ("holdout194", "drovers_of_cattle/one_unit_lstm"): "insufficient_capacity",
    # Adagrad at 1.0: the first steps (0.2 x the weights) killed the ReLUs by step 25, and
    # the dead layers make no updates since.
    ("holdout194", "shepherds_of_downs/adagrad_at_one"): "learning_rate_too_high",
    # SGD at 0.5 / len(x_train) (5e-4) under an LSTM: its state never varies because its
    # steps (2e-5 of its weights) never moved it from the start, though its gradient is
    # healthy: the rate, not a gradient that faded through time.
    ("holdout194", "night_soil_men/rate_divided_by_rows"): "learning_rate_too_low",
    # AdamW(5e-3, weight_decay=3.0), the decay meant as a coupled L2 factor: 1.5% of every
    # weight a step, flat at 42% of the constant's loss (a level that alone passes for
    # converged) where a 3-nearest-neighbour vote of the probe's examples scores ~0.
    ("holdout210", "gate_hangers/swing_adamw_weight_decay"): "over_regularization",
    # A linear head under Keras's Poisson loss: the loss swings across zero (about -2.9 to
    # +1.1 batch to batch) until a negative rate makes it NaN; no rise before it.
    ("holdout213", "rat_catchers_of_the_wharf/catch_poisson_linear_head"): "non_finite_values",
    # Embedding and MultiHeadAttention under Adam 3e-6 (a per-mille rate divided twice): the
    # attention's query and key get 3e-4 and 2e-5 of the output layer's gradient while the
    # embedding before them gets a healthy share: a side path under near-uniform attention,
    # not a gradient that vanished on the way back.
    ("holdout225", "basket_weavers_of_somerset/lid_fit_attention_per_mille"):
        "learning_rate_too_low",
    # Two mark codes' Embedding flattened straight into a sigmoid head, on a parity of the
    # two: a sum of one score per code and position cannot represent it, and learned
    # nothing (Adam 1e-2 on embeddings of +-0.05 made its first steps large beside them).
    ("holdout230", "cordwainers_of_northampton/awl_marks_embedding_straight_to_head"):
        "insufficient_capacity",
    # GaussianNoise(1.0), Keras's largest, on standardised features (the recipe's 0.01 read
    # as 1): flat at 65% of the constant's loss, and scored with the noise off the model
    # reaches 0.9 on the probe where a kernel fit of the probe's examples reaches 0.2.
    ("holdout237", "sawyers_of_the_pit/gaussian_noise_one"): "over_regularization",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """{(catalogue, run): report} of every run in RUNS, trained once into temporary logdirs."""
    pytest.importorskip("tensorflow")
    from tb_plateau import analysis
    from tb_plateau.read import reader

    out = {}
    for catalogue in sorted({c for c, _ in RUNS}):
        runs = [r for c, r in RUNS if c == catalogue]
        logdir = tmp_path_factory.mktemp(catalogue)
        only = "^(" + "|".join(re.escape(r) for r in runs) + ")$"
        runner.train_catalogue(str(logdir), only=only, progress=False,
                               catalogue_name=catalogue, keras_tensorboard=False)
        source = reader.open_logdir(str(logdir))
        for run in runs:
            out[(catalogue, run)] = analysis.analyze(
                reader.read_run(source.provider, source.ctx, source.experiment_id, run))
    return out


@pytest.mark.tf
@pytest.mark.parametrize("key", [k for k, v in RUNS.items() if v == "no_problem"],
                         ids=lambda k: k[1])
def test_healthy_studied_run_is_no_stall(reports, key):
    report = reports[key]
    assert report["intervals"] == [], f"{key[1]}: false alarm {report['intervals'][:1]}"
    assert report["verdict"] in ("healthy", "converged")


@pytest.mark.tf
@pytest.mark.parametrize("key", [k for k, v in RUNS.items() if v != "no_problem"],
                         ids=lambda k: k[1])
def test_broken_studied_run_names_its_cause_first(reports, key):
    report = reports[key]
    # A run whose loss went NaN is diverged; every other broken run here stalled.
    assert report["verdict"] == ("diverged" if RUNS[key] == "non_finite_values" else
                                 "stalled"), report["verdict"]
    causes = report["intervals"][-1]["causes"]
    assert causes and causes[0]["id"] == RUNS[key], [c["id"] for c in causes]


@pytest.mark.tf
def test_saturation_from_an_initializer_names_the_initializer(reports):
    causes = reports[("holdout118", "perfumers/uniform_without_minval")]["intervals"][-1]["causes"]
    first = causes[0]
    assert any("RandomUniform(mean" in e["text"] for e in first["evidence"]), first["evidence"]
    assert "kernel_initializer" in first["fix"]


@pytest.mark.tf
def test_each_studied_cause_gives_the_fix_for_its_mechanism(reports):
    """The fix names what to change in these runs, not the generic advice for the cause."""
    def first(key):
        return reports[key]["intervals"][-1]["causes"][0]

    rnn = first(("holdout120", "limnologists/simple_rnn_gain_2_no_clipping"))
    assert "gain 1" in rnn["fix"] and "clipnorm" in rnn["fix"], rnn["fix"]
    assert any("recurrent kernel starts at gain 2" in e["text"] for e in rnn["evidence"])
    bag = first(("holdout122", "choreographers/attention_without_positions"))
    assert "position embedding" in bag["fix"], bag["fix"]
    decay = first(("holdout122", "puppeteers/weight_decay_without_weight"))
    assert "w - lr * wd * w" in decay["fix"], decay["fix"]
    wide = first(("holdout124", "dermatologists/lesion_head_stddev_ten"))
    assert "glorot_uniform" in wide["fix"] and "too wide" in wide["fix"], wide["fix"]
    relu_logit = first(("holdout130", "jewellers/clasp_defect_relu_logit"))
    assert "linear" in relu_logit["fix"], relu_logit["fix"]
    assert any("ln 2" in e["text"] for e in relu_logit["evidence"]), relu_logit["evidence"]
    sharpened = first(("holdout130", "opticians/lens_defect_sharpened_softmax"))
    assert "Rescaling(scale=50)" in sharpened["fix"], sharpened["fix"]
    dead = first(("holdout130", "florists/rot_spectra_positive_kernels"))
    assert "dead from the first logged step" in dead["summary"], dead["summary"]
    gates = first(("holdout117", "epidemiologists/lstm_bias_everywhere"))
    assert "Constant(5)" in gates["fix"] and "unit_forget_bias=True" in gates["fix"], \
        gates["fix"]
    assert any("starts every bias at 5" in e["text"] for e in gates["evidence"])
    own = first(("holdout162", "pilgrims/toll_ledger_hand_init_no_sqrt"))
    assert any("an initializer of your own" in e["text"] for e in own["evidence"]), \
        own["evidence"]
    assert not any("set after the layers were built" in e["text"] for e in own["evidence"])
    relapsed = first(("holdout157", "dollmakers/stitch_rnn_without_clipping"))
    assert "clipnorm=1.0" in relapsed["fix"], relapsed["fix"]
    assert any("in one step" in e["text"] for e in relapsed["evidence"]), relapsed["evidence"]
    fan_in = first(("holdout77", "compassmakers/deviation_fan_in_scale"))
    assert "glorot_uniform" in fan_in["fix"] and "too wide" in fan_in["fix"], fan_in["fix"]
    scale = first(("holdout26", "potteries/layer_norm_scale_set_to_root_width"))
    assert "gamma_initializer='ones'" in scale["fix"], scale["fix"]
    unclipped = first(("holdout168", "thanes/rnn_without_its_clipnorm"))
    assert "clipnorm=1.0" in unclipped["fix"], unclipped["fix"]
    assert any("without gradient clipping" in e["text"] for e in unclipped["evidence"])
    first_state = first(("holdout174", "jurors/ballot_lstm_first_state"))
    assert "x[:, -1]" in first_state["fix"], first_state["fix"]
    assert any("reads only position 0 of the 12" in e["text"]
               for e in first_state["evidence"]), first_state["evidence"]
    # Every stretch of the gait RNN's stall, the one before its loss first dipped included.
    gait = reports[("holdout167", "marshals/gait_rnn_unclipped")]["intervals"]
    assert [i["causes"][0]["id"] for i in gait] == ["exploding_gradients"] * len(gait), gait
    gain = first(("holdout152", "testers/soak_test_rnn_recurrent_gain"))
    assert any("recurrent kernel starts at gain 3" in e["text"] for e in gain["evidence"]), \
        gain["evidence"]


@pytest.mark.tf
def test_a_poisson_model_that_learned_nothing_still_stalls(tmp_path):
    """The probe decides a loss without a formula baseline both ways: a Poisson model whose
    inputs carry no signal, its output bias started at the log of the mean count, sits at
    the best constant on the probe and stays a stall; the same model on inputs that carry
    the rate beats that constant and is no stall."""
    from tests.test_callback import _fit_and_report, keras

    rng = np.random.default_rng(81)
    x = rng.normal(size=(1088, 4)).astype("float32")
    y = rng.poisson(np.exp(0.9 * x[:, 0] - 0.4 * x[:, 1] - 0.7)).astype("float32")[:, None]

    def report(name, inputs):
        keras.utils.set_random_seed(82)
        model = keras.Sequential([
            keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(1, activation="exponential", bias_initializer=keras.initializers
                               .Constant(float(np.log(y[:-64].mean()))))])
        model.compile(keras.optimizers.Adam(1e-2), "poisson")
        return _fit_and_report(model, inputs, y, tmp_path / name, epochs=12)

    noise = report("noise", rng.normal(size=x.shape).astype("float32"))
    assert noise["verdict"] == "stalled", noise["verdict"]
    signal = report("signal", x)
    assert signal["intervals"] == [] and signal["verdict"] in ("healthy", "converged")


@pytest.mark.tf
@pytest.mark.parametrize("catalogue,helper,cause", [
    ("holdout130", "_clasp_head", "loss_activation_mismatch"),
    ("holdout130", "_lens_temperature", "saturated_activations"),
    ("holdout130", "_rot_positive_kernels", "dead_relus"),
    ("holdout135", "_saw_rnn", "exploding_gradients"),
    ("holdout137", "_typing_gru", "poor_initialization"),
    ("holdout140", "_chaotic_tanh", "exploding_gradients"),
    ("holdout133", "_deep_relu_scaled", "exploding_gradients"),
    ("holdout117", "_lstm_bias_everywhere", "saturated_activations"),
    ("holdout152", "_soak_test_rnn", "exploding_gradients"),
    ("holdout77", "_fan_in_scale", "saturated_activations"),
    ("holdout26", "_gamma_run", "saturated_activations"),
    ("holdout42", "_rivet_sets", "saturated_activations"),
    ("holdout128", "_hidden_layers_commented_out", "insufficient_capacity"),
    ("holdout157", "_stitch_unclipped", "exploding_gradients"),
    ("holdout156", "_grader_width", "insufficient_capacity"),
    ("holdout162", "_verse_modulo", "learning_rate_too_low"),
    ("holdout162", "_toll_fan_in", "poor_initialization"),
    ("holdout167", "_gait_rnn_unclipped", "exploding_gradients"),
    ("holdout168", "_unclipped_rnn_horns", "exploding_gradients"),
    ("holdout174", "_foreperson_lstm", "insufficient_capacity"),
    ("holdout162", "_song_cls", "insufficient_capacity"),
    ("holdout173", "_tenant_tower", "exploding_gradients"),
    ("holdout176", "_unclipped", "exploding_gradients"),
    ("holdout177", "_identity_kernels", "poor_initialization"),
    ("holdout179", "_bath_rnn_no_clip", "exploding_gradients"),
    ("holdout189", "_positional_normal", "poor_initialization"),
    ("holdout194", "_one_unit_lstm", "insufficient_capacity"),
    ("holdout194", "_adagrad_one", "learning_rate_too_high"),
    ("holdout194", "_rate_per_example", "learning_rate_too_low"),
    ("holdout210", "_swing_adamw_decay", "over_regularization"),
    ("holdout213", "_catch_counts", "non_finite_values"),
    ("holdout225", "_lid_attention_lr", "learning_rate_too_low"),
    ("holdout230", "_bag_of_marks", "insufficient_capacity"),
    ("holdout237", "_noise_layer", "over_regularization")])
def test_the_same_models_built_right_are_not_given_that_cause(tmp_path, catalogue, helper,
                                                              cause):
    """The writers' fixed variants (a linear logit, no Rescaling before the softmax,
    glorot_uniform kernels, the orthogonal recurrent default, Keras's default initializers),
    trained the same way: the cause their broken twins get is not named for them."""
    import importlib

    from tb_plateau import analysis
    from tb_plateau.read import reader

    catalogue = importlib.import_module(runner.__package__ + "." + catalogue)
    scenarios = importlib.import_module(runner.__package__ + ".scenarios")
    run = tmp_path / "fixed"
    getattr(catalogue, helper)(scenarios.Session(str(run)), broken=False)
    source = reader.open_logdir(str(tmp_path))
    report = analysis.analyze(reader.read_run(source.provider, source.ctx,
                                              source.experiment_id, "fixed"))
    named = [c["id"] for i in report["intervals"] for c in i["causes"]]
    assert cause not in named, (report["verdict"], named)


@pytest.mark.tf
def test_augmentation_noise_below_the_features_spread_is_not_over_regularization(tmp_path):
    """The same yield model behind GaussianNoise(0.3) on its standardised features (usual
    augmentation, 0.3 x their spread), trained the same way: its noise is not named."""
    import importlib

    import keras

    from tb_plateau import analysis
    from tb_plateau.read import reader

    catalogue = importlib.import_module(runner.__package__ + ".holdout237")
    scenarios = importlib.import_module(runner.__package__ + ".scenarios")
    x, y = catalogue._log_yield(catalogue.N, seed=23716)
    keras.utils.set_random_seed(0)  # as the runner trains every scenario
    model = keras.Sequential([keras.Input((8,)), keras.layers.GaussianNoise(0.3),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    catalogue._fit(scenarios.Session(str(tmp_path / "augmented")), model, x, y, epochs=15,
                   batch_size=32)
    source = reader.open_logdir(str(tmp_path))
    report = analysis.analyze(reader.read_run(source.provider, source.ctx,
                                              source.experiment_id, "augmented"))
    assert not any("noise of stddev" in e["text"] for i in report["intervals"]
                   for c in i["causes"] for e in c["evidence"]), report["intervals"]


@pytest.mark.tf
def test_a_second_half_far_above_what_the_probe_allows_is_no_good_level(tmp_path):
    """A tanh SimpleRNN(64) whose recurrent kernel starts he_normal (gain ~1.4) under
    unclipped SGD with momentum: its second half creeps at 45% of the constant's loss (a
    level that alone passes for converged) while a vote of the probe's neighbours reaches
    ~0; its state is pinned at +-1, so it is a stall with that cause. The same model with the
    orthogonal recurrent default, trained the same way, is no stall."""
    import importlib

    import keras

    from tb_plateau import analysis
    from tb_plateau.read import reader

    catalogue = importlib.import_module(runner.__package__ + ".holdout174")
    scenarios = importlib.import_module(runner.__package__ + ".scenarios")
    reports = {}
    for broken in (True, False):
        name = "broken" if broken else "fixed"
        keras.utils.set_random_seed(0)  # as the runner trains every scenario
        catalogue._daily_rnn(scenarios.Session(str(tmp_path / name)), broken=broken)
        source = reader.open_logdir(str(tmp_path))
        reports[name] = analysis.analyze(reader.read_run(source.provider, source.ctx,
                                                         source.experiment_id, name))
    broken = reports["broken"]
    assert broken["verdict"] == "stalled", broken["verdict"]
    named = [c["id"] for i in broken["intervals"] for c in i["causes"]]
    assert set(named[:1]) & {"saturated_activations", "exploding_gradients"}, named
    assert reports["fixed"]["intervals"] == [], reports["fixed"]["intervals"]
