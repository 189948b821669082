"""LogCallback: a line of losses and D's probabilities every n steps."""
import logging

import tensorflow as tf

from gan_tdd import GANDataset, LogCallback


def test_log_callback_logs_one_line_per_period(tiny_model, session, tiny_dataset, caplog):
    """Every 3 steps of a 6-step epoch: two lines with the step, losses and probabilities."""
    with caplog.at_level(logging.INFO, logger="gan_tdd"):
        tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[LogCallback(every_n_steps=3)])

    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2
    assert lines[0].startswith("epoch 1 step 3: d_loss ")
    assert lines[1].startswith("epoch 1 step 6: d_loss ")
    assert all(word in lines[0] for word in ("g_loss", "p_real", "p_fake"))


def test_a_hinge_critics_line_shows_its_mean_outputs(tiny_model_with, tiny_images, caplog):
    """The line follows model.scalars: a hinge critic's mean outputs, not probabilities."""
    model = tiny_model_with(loss="hinge")

    with caplog.at_level(logging.INFO, logger="gan_tdd"), tf.compat.v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, GANDataset(tiny_images, 4, batch_size=2, seed=0), epochs=1,
                  callbacks=[LogCallback(every_n_steps=6)])

    line = caplog.records[0].getMessage()
    assert line.startswith("epoch 1 step 6: d_loss ") and "d_real_mean" in line and "p_real" not in line
