"""main.py's flags: every flag explained with its default, and each mistake answered in one line."""
import pytest

from gan_tdd.cli import main
from gan_tdd.cli.flags import train_parser


def test_help_explains_every_flag_with_its_default(capsys):
    """--help lists each training flag, and every flag's line gives a default."""
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])

    text = capsys.readouterr().out
    assert exit_.value.code == 0
    for action in train_parser()._actions:
        if action.option_strings and action.dest != "help":
            assert action.option_strings[0] in text
    assert text.count("default") >= len(train_parser()._actions) - 3


@pytest.mark.parametrize("argv, message", [
    pytest.param(["--bogus"], "main.py: error: unrecognized arguments: --bogus", id="unknown_flag"),
    pytest.param(["--epochs", "ten"], "main.py: error: argument --epochs: must be an integer >= 0, got 'ten'",
                 id="epochs_not_a_number"),
    pytest.param(["--epochs", "-1"], "argument --epochs: must be an integer >= 0, got '-1'",
                 id="negative_epochs"),
    pytest.param(["--batch-size", "0"], "argument --batch-size: must be an integer >= 1, got '0'",
                 id="zero_batch_size"),
    pytest.param(["--k-steps", "1.5"], "argument --k-steps: must be an integer >= 1, got '1.5'",
                 id="fractional_k_steps"),
    pytest.param(["--noise-dim", "0"], "argument --noise-dim: must be an integer >= 1, got '0'",
                 id="zero_noise_dim"),
    pytest.param(["--d-learning-rate", "0"], "argument --d-learning-rate: must be a finite number > 0, got '0'",
                 id="zero_learning_rate"),
    pytest.param(["--g-learning-rate", "nan"], "argument --g-learning-rate: must be a finite number > 0",
                 id="nan_learning_rate"),
    pytest.param(["--run-name", "../elsewhere"], "argument --run-name: must be a plain directory name",
                 id="run_name_with_a_path"),
    pytest.param(["sample", "--run", "r", "--output", "x.npy", "--count", "0"],
                 "main.py sample: error: argument --count: must be an integer >= 1", id="sample_count_zero"),
    pytest.param(["--loss", "wgan"], "argument --loss: invalid choice: 'wgan' (choose from 'non-saturating', 'minimax',",
                 id="unknown_loss"),
    pytest.param(["--epoch", "1"], "unrecognized arguments: --epoch 1; did you mean --epochs?",
                 id="an_abbreviated_flag"),
    pytest.param(["--epcohs", "3"], "unrecognized arguments: --epcohs 3; did you mean --epochs?",
                 id="a_misspelt_flag"),
    pytest.param(["sample", "--output", "x.npy"], "the following arguments are required: --run",
                 id="sample_without_run"),
])
def test_a_bad_flag_ends_in_exit_status_2_and_one_line_that_names_it(argv, message, capsys, one_line):
    """argparse's usage block is left out: one line names the flag and what it expects."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)

    assert exit_.value.code == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith("main.py") and message in line and line.endswith("--help)")


@pytest.mark.parametrize("argv, hint", [
    pytest.param(["--model", "infogan", "--digit", "3"],
                 "unrecognized arguments: --digit 3; --digit is a flag of main.py sample, which draws from a "
                 "trained run", id="a_flag_of_sample"),
    pytest.param(["--loss", "wgan"], "'hinge'); did you mean wasserstein?", id="another_name_of_a_loss"),
    pytest.param(["--model", "cgan"], "'image-to-image'); did you mean conditional?", id="another_name_of_a_model"),
    pytest.param(["--loss", "hinj"], "'hinge'); did you mean hinge?", id="a_misspelt_loss"),
])
def test_a_flag_of_another_command_or_another_name_of_a_choice_is_answered_with_what_was_meant(
        argv, hint, capsys):
    """One line that says where the flag belongs, or which choice the word means."""
    with pytest.raises(SystemExit):
        train_parser().parse_args(argv)

    line = capsys.readouterr().err
    assert line.count("\n") == 1 and hint in line
