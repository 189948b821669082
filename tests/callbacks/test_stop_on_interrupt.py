"""Ctrl-C while training, caught by StopOnInterrupt: the run stops after its current step, a
second Ctrl-C interrupts at once, and no press between the handler's start and the first step is
lost. SIGINT is raised in this very process, as a terminal's Ctrl-C would send it."""
import signal

import pytest

from gan_tdd import Callback, GANDataset
from gan_tdd.callbacks import StopOnInterrupt


class CtrlCAt(Callback):
    """Presses Ctrl-C `times` times at the end of step `step`."""

    def __init__(self, step, times=1):
        self.step, self.times = step, times

    def on_step_end(self, step, logs=None):
        if step == self.step:
            for _ in range(self.times):
                signal.raise_signal(signal.SIGINT)


class CtrlCOnFirstBatch(GANDataset):
    """A data set whose first batch comes with a Ctrl-C: one pressed while D alone is pretrained."""

    pressed = False

    def next_batch(self):
        if not self.pressed:
            self.pressed = True
            signal.raise_signal(signal.SIGINT)
        return super().next_batch()


def test_ctrl_c_stops_fit_after_the_current_step_and_gives_the_terminal_its_handler_back(
        tiny_model, session, tiny_dataset, capsys):
    interrupt = StopOnInterrupt()

    tiny_model.fit(session, tiny_dataset, epochs=2, callbacks=[interrupt, CtrlCAt(step=3)])

    assert session.run(tiny_model.g_step) == 3
    assert interrupt.interrupted and tiny_model.stop_training
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert "stopping after this step and saving a checkpoint (Ctrl-C again to abort)" in capsys.readouterr().err


def test_a_second_ctrl_c_interrupts_at_once(tiny_model, session, tiny_dataset):
    with pytest.raises(KeyboardInterrupt):
        tiny_model.fit(session, tiny_dataset, epochs=2, callbacks=[StopOnInterrupt(), CtrlCAt(step=3, times=2)])

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_ctrl_c_while_the_discriminator_is_pretrained_is_not_lost(tiny_model, session, tiny_images):
    """Pressed during the first of 3 pretraining updates: that update ends, no other one runs."""
    dataset = CtrlCOnFirstBatch(tiny_images, noise_dim=4, batch_size=2, seed=0)

    tiny_model.fit(session, dataset, epochs=2, pretrain_d_steps=3, callbacks=[StopOnInterrupt()])

    assert session.run([tiny_model.d_step, tiny_model.g_step]) == [1, 0]
