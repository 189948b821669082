"""gan_tdd: a small, test-first GAN framework in TensorFlow's TF1-compat graph mode."""
from gan_tdd.callbacks import Callback, CallbackList, LogCallback, SummaryCallback
from gan_tdd.dataset import GANDataset
from gan_tdd.model import GANModel

__all__ = ["GANModel", "GANDataset", "Callback", "CallbackList", "SummaryCallback", "LogCallback"]
