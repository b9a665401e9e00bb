#!/usr/bin/python3
"""PyTorch peer of `noteguard bench nn`: the same networks, batches and measurements, printing the same JSON.

Usage: /usr/bin/python3 bench/peers/nn_compact_cnn_torch.py [--arch compact-cnn|resnet18] [--seconds 3]
       [--train-batch N] [--infer-batch N]
Defaults match the C# command: compact-cnn trains at batch 64 and infers at batch 256 on 64x64x3, 13 classes;
other architectures use batch 8 / 16 at 224x224. torch.set_num_threads(2) (this machine has 2 cores).
Each figure is the median iteration time after two warm-up iterations, as in NnBenchmark.cs.
"""
import argparse, json, resource, time
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)


class CompactCnn(nn.Module):
    """Seed 004's Custom_CNN, identical structure and parameter names to ModelZoo 'compact-cnn' (286,861 params at 13)."""

    def __init__(self, classes):
        super().__init__()
        layers, c = [], 3
        for f in (16, 32, 64):
            layers += [nn.Conv2d(c, f, 3, 1, 1), nn.BatchNorm2d(f), nn.ReLU(), nn.MaxPool2d(2)]
            c = f
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 64), nn.ReLU(), nn.Dropout(0.5), nn.Linear(64, classes))

    def forward(self, x):
        return self.classifier(self.features(x))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)), inplace=True)
        out = self.bn2(self.conv2(out))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)), inplace=True)


class ResNet18(nn.Module):
    """torchvision's resnet18 structure (torchvision is not packaged on this machine): 11,689,512 params at 1000."""

    def __init__(self, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        blocks, c = [], 64
        for i, w in enumerate((64, 128, 256, 512)):
            blocks.append(nn.Sequential(BasicBlock(c, w, 1 if i == 0 else 2), BasicBlock(w, w, 1)))
            c = w
        self.layer1, self.layer2, self.layer3, self.layer4 = blocks
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def median_time(budget, step):
    step(); step()
    times, start = [], time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < budget and len(times) < 10000):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="compact-cnn", choices=["compact-cnn", "resnet18"])
    ap.add_argument("--classes", type=int, default=13)
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--train-batch", type=int)
    ap.add_argument("--infer-batch", type=int)
    a = ap.parse_args()
    compact = a.arch == "compact-cnn"
    train_batch = a.train_batch if a.train_batch is not None else (64 if compact else 8)
    infer_batch = a.infer_batch if a.infer_batch is not None else (256 if compact else 16)
    size = 64 if compact else 224
    torch.manual_seed(1)
    net = CompactCnn(a.classes) if compact else ResNet18(a.classes)
    train = infer = 0.0
    if train_batch > 0:
        x = torch.randn(train_batch, 3, size, size)
        y = torch.arange(train_batch) % a.classes
        opt = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
        net.train()

        def step():
            opt.zero_grad()
            F.cross_entropy(net(x), y).backward()
            opt.step()

        train = train_batch / median_time(a.seconds, step)
    train_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    net.eval()
    with torch.no_grad():
        if infer_batch > 0:
            xb = torch.randn(infer_batch, 3, size, size)
            infer = infer_batch / median_time(a.seconds, lambda: net(xb))
        x1 = torch.randn(1, 3, size, size)
        latency = median_time(a.seconds, lambda: net(x1)) * 1000
    print(json.dumps({
        "arch": a.arch, "train_images_per_s": train, "infer_images_per_s": infer, "latency_ms_batch1": latency,
        "peak_memory_mb": train_peak, "peak_memory_mb_total": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "threads": torch.get_num_threads(), "engine": "pytorch " + torch.__version__,
    }, indent=2))


if __name__ == "__main__":
    main()
