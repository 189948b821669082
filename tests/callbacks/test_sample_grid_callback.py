"""SampleGridCallback: one grid per epoch from the same noise, and a GIF at the end."""
from PIL import Image

from gan_tdd.callbacks import SampleGridCallback


def test_a_grid_is_written_after_every_epoch_and_a_gif_at_the_end(tiny_model, session, tiny_dataset, noise, tmp_path):
    """Two epochs give epoch-001.png, epoch-002.png, final.png and a two-frame progress.gif."""
    callback = SampleGridCallback(tmp_path / "samples", noise)

    tiny_model.fit(session, tiny_dataset, epochs=2, callbacks=[callback])

    names = sorted(path.name for path in (tmp_path / "samples").iterdir())
    assert names == ["epoch-001.png", "epoch-002.png", "final.png", "progress.gif"]
    assert Image.open(tmp_path / "samples" / "progress.gif").n_frames == 2


def test_the_final_grid_shows_what_generate_gives_for_the_fixed_noise(tiny_model, session, tiny_dataset, noise, tmp_path):
    """final.png equals a grid drawn from model.generate on the same noise after training."""
    from gan_tdd.images import save_grid

    tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[SampleGridCallback(tmp_path, noise)])
    save_grid(tiny_model.generate(session, noise), tmp_path / "expected.png")

    assert Image.open(tmp_path / "final.png").tobytes() == Image.open(tmp_path / "expected.png").tobytes()
