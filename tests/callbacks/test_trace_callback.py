"""TraceCallback: the loop's events printed in the order fit fires them, with what each receives."""
import io

from gan_tdd import LogCallback, TraceCallback


def test_the_trace_shows_the_hooks_in_order_for_the_first_steps_and_the_first_epoch_boundary(
        tiny_model, session, tiny_dataset):
    """Two traced steps of a 6-step epoch, the boundary to epoch 2, then only the end of training."""
    out = io.StringIO()

    tiny_model.fit(session, tiny_dataset, epochs=3,
                   callbacks=[TraceCallback(steps=2, file=out), LogCallback(every_n_steps=2)])

    hooks = [line.split("(")[0] for line in out.getvalue().splitlines() if not line.startswith((" ", "."))]
    assert hooks == ["set_model", "set_params", "on_train_begin", "on_epoch_begin",
                     "fetches", "on_step_end", "fetches", "on_step_end",
                     "on_epoch_end", "on_epoch_begin", "on_train_end"]


def test_each_traced_step_says_what_the_callbacks_fetched_on_it(tiny_model, session, tiny_dataset):
    """LogCallback asks for its scalars on even steps only: the trace shows them on step 2, not step 1."""
    out = io.StringIO()

    tiny_model.fit(session, tiny_dataset, epochs=1,
                   callbacks=[TraceCallback(steps=2, file=out), LogCallback(every_n_steps=2)])

    step_ends = [line for line in out.getvalue().splitlines() if line.startswith("on_step_end")]
    assert step_ends[0].endswith("fetched: nothing)")
    assert "p_real" in step_ends[1] and "p_fake" in step_ends[1]
    assert "set_params({'epochs': 1, 'k_steps': 1" in out.getvalue()
