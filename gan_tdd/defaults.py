"""The default run of `python main.py`, chosen by measurement on a 2-core CPU machine.

docs/defaults.md has the table behind each choice; `benchmarks/quality.py` reproduces it.
"""

DEFAULTS = {
    # 12 epochs of 937 steps: about 9 minutes on 2 cores; quality levels off after ~6,000 steps.
    "epochs": 12,
    "batch_size": 64,
    # One D update per G update: D keeps the lead (p_fake 0.32 to 0.41 over the default run);
    # k > 1 was not measured.
    "k_steps": 1,
    # 5x DCGAN's 2e-4: all ten digits after 1,000 steps instead of 7; 2e-3 oscillates more.
    "d_learning_rate": 1e-3,
    "g_learning_rate": 1e-3,
    "noise_dim": 100,
    # 32 channels score as 48 or 64 do at the same step, at 1/1.7 and 1/2.2 of the cost.
    "generator_width": 32,
    "discriminator_width": 32,
    "data": "mnist",
    "summary_every": 100,
    "images_every": 500,
    "log_every": 100,
    # The count of the reference figures in docs/evaluation.md: the Fréchet distance depends on it.
    "evaluation_samples": 1000,
}

# The settings that describe a run's model and data: a resumed run keeps them from settings.json.
RUN_SETTINGS = ("batch_size", "k_steps", "d_learning_rate", "g_learning_rate", "noise_dim",
                "generator_width", "discriminator_width", "data", "seed", "summary_every",
                "images_every", "log_every", "evaluation_samples")
