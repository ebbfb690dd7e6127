"""Writes the reference checkpoints that StateDictFixtureTests loads (CI has no Python; the outputs are committed).

Made with Debian's python3-torch 1.13.1 and python3-numpy 1.24 and DeZero's own code from
github.com/oreilly-japan/deep-learning-from-scratch-3 (its dezero/ folder on the path):

    PYTHONPATH=/path/to/deep-learning-from-scratch-3 /usr/bin/python3 make_fixtures.py

Files (all float32, tiny layers):
  torch_mlp.{npz,safetensors}   nn.Sequential(Linear(3,4), ReLU, Linear(4,2)).state_dict()
  torch_cnn.{npz,safetensors}   nn.Sequential(Conv2d(1,2,3,padding=1), BatchNorm2d(2), ReLU, Flatten, Linear(32,3)),
                                running statistics from three training batches, then eval()
  torch_lstm.{npz,safetensors}  nn.LSTM(3, 4).state_dict()
  torch_mlp.pt                  torch.save of the MLP's state_dict (must be refused with a conversion hint)
  dezero_mlp.npz                dezero.models.MLP((4, 2), activation=F.relu).save_weights (savez_compressed, 'l0/W')
  dezero_lstm.npz               dezero.layers.LSTM(4, in_size=3).save_weights
  references.npz                inputs and each model's outputs on them
"""
import json
import struct

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.RandomState(0)


def save_safetensors(path, tensors):
    """The safetensors format by hand: u64 header size, JSON header of dtype/shape/offsets, raw little-endian bytes."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        a = np.ascontiguousarray(t)
        dtype = {np.dtype('float32'): 'F32', np.dtype('int64'): 'I64'}[a.dtype]
        data = a.astype(a.dtype.newbyteorder('<')).tobytes()
        header[name] = {'dtype': dtype, 'shape': list(a.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def save_torch(name, module):
    sd = {k: v.detach().numpy() for k, v in module.state_dict().items()}
    np.savez(name + '.npz', **sd)
    save_safetensors(name + '.safetensors', sd)


refs = {}

mlp = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
x = torch.randn(5, 3)
refs['mlp_x'], refs['torch_mlp_y'] = x.numpy(), mlp(x).detach().numpy()
save_torch('torch_mlp', mlp)
torch.save(mlp.state_dict(), 'torch_mlp.pt')

cnn = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(32, 3))
cnn.train()
for _ in range(3):
    cnn(torch.randn(4, 1, 4, 4) * 2 + 1)
cnn.eval()
x = torch.randn(2, 1, 4, 4)
refs['cnn_x'], refs['torch_cnn_y'] = x.numpy(), cnn(x).detach().numpy()
save_torch('torch_cnn', cnn)

lstm = nn.LSTM(3, 4)
xs = torch.randn(2, 2, 3)  # (time, batch, in)
out, _ = lstm(xs)
refs['lstm_x'], refs['torch_lstm_y'] = xs.numpy(), out.detach().numpy()
save_torch('torch_lstm', lstm)

# dezero/datasets.py imports matplotlib and PIL for its plots and images, which none of this uses.
import sys  # noqa: E402
import types  # noqa: E402
for stub in ('matplotlib', 'matplotlib.pyplot', 'PIL', 'PIL.Image'):
    sys.modules.setdefault(stub, types.ModuleType(stub))
sys.modules['PIL'].Image = sys.modules['PIL.Image']
sys.modules['PIL.Image'].BILINEAR = 2
import dezero  # noqa: E402,F401  (DeZero's own code, numpy only)
import dezero.functions as F  # noqa: E402
from dezero.layers import LSTM  # noqa: E402
from dezero.models import MLP  # noqa: E402

np.random.seed(1)
dmlp = MLP((4, 2), activation=F.relu)
x = rng.randn(5, 3).astype(np.float32)
# DeZero's Linear initialises float32 weights from the input's dtype.
refs['dezero_mlp_y'] = dmlp(x).data
dmlp.save_weights('dezero_mlp.npz')

dlstm = LSTM(4, in_size=3)
for p in dlstm.params():
    p.data = p.data.astype(np.float32)
xs = rng.randn(2, 2, 3).astype(np.float32)
refs['dezero_lstm_x'] = xs
refs['dezero_lstm_y'] = np.stack([dlstm(xs[t]).data for t in range(2)])
dlstm.save_weights('dezero_lstm.npz')
refs['dezero_mlp_x'] = x

np.savez('references.npz', **{k: np.asarray(v, dtype=np.float32) for k, v in refs.items()})
