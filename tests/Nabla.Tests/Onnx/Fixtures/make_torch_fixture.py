# Writes torch_small.onnx (torch.onnx.export, opset 13) with an input and PyTorch's output for OnnxImportTests.
# (torch.onnx.export folds the eval-mode BatchNorm into the convolution: the file has Conv, Relu, MaxPool,
# Flatten, Gemm with transB=1, LogSoftmax.) Run with Debian's python3-torch (1.13) and python3-numpy: /usr/bin/python3 make_torch_fixture.py
import numpy as np
import torch

torch.manual_seed(0)


class Small(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 2, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(2)
        self.fc = torch.nn.Linear(2 * 2 * 2, 3)

    def forward(self, x):
        x = torch.nn.functional.max_pool2d(torch.relu(self.bn(self.conv(x))), 2)
        return torch.log_softmax(self.fc(torch.flatten(x, 1)), dim=1)


model = Small()
with torch.no_grad():
    model.bn.running_mean.uniform_(-0.5, 0.5)
    model.bn.running_var.uniform_(0.5, 1.5)
model.eval()
x = torch.randn(3, 1, 4, 4)
torch.onnx.export(model, x, "torch_small.onnx", opset_version=13, input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, do_constant_folding=False)
np.save("torch_small_input.npy", x.numpy())
np.save("torch_small_output.npy", model(x).detach().numpy())
