"""One DANN training step in PyTorch (CPU, one thread), the reference for bench/dann-step.ts.

Same step as the TF.js bench: MLP 784→256→128 (ReLU) feature extractor, 10-class head, batch 128 source +
128 target, classification CE + multi-kernel MMD² (unbiased, α ∈ {1/8,…,2}) on the 128-d features +
gradient-reversal domain classifier (128→64→1, BCE), Adam update. Prints JSON: median ms per step (wall and CPU).
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)

BATCH, D_IN, H1, H2, CLASSES = 128, 784, 256, 128, 10
ALPHAS = [0.125, 0.25, 0.5, 1.0, 2.0]


class GradReverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lam):
        ctx.lam = lam
        return x.view_as(x)

    @staticmethod
    def backward(ctx, g):
        return -ctx.lam * g, None


def mmd2(s, t):
    z = torch.cat([s, t])
    n, m = s.shape[0], t.shape[0]
    sq = (z * z).sum(1)
    d2 = (sq[:, None] + sq[None, :] - 2 * z @ z.t()).clamp_min(0)
    centred = z - z.mean(0, keepdim=True)
    sigma2 = (2 * (centred * centred).sum() / (n + m - 1)).detach()
    k = sum(torch.exp(-d2 / (2 * a * sigma2)) for a in ALPHAS) / len(ALPHAS)
    kss, ktt, kst = k[:n, :n], k[n:, n:], k[:n, n:]
    return ((kss.sum() - kss.diagonal().sum()) / (n * (n - 1))
            + (ktt.sum() - ktt.diagonal().sum()) / (m * (m - 1))
            - 2 * kst.mean())


features = nn.Sequential(nn.Linear(D_IN, H1), nn.ReLU(), nn.Linear(H1, H2), nn.ReLU())
head = nn.Linear(H2, CLASSES)
domain = nn.Sequential(nn.Linear(H2, 64), nn.ReLU(), nn.Linear(64, 1))
params = list(features.parameters()) + list(head.parameters()) + list(domain.parameters())
opt = torch.optim.Adam(params, lr=1e-3)

xs = torch.randn(BATCH, D_IN)
xt = torch.randn(BATCH, D_IN) + 0.5
ys = torch.randint(0, CLASSES, (BATCH,))
dom = torch.cat([torch.ones(BATCH), torch.zeros(BATCH)])


def step():
    opt.zero_grad()
    f = features(torch.cat([xs, xt]))
    fs, ft = f[:BATCH], f[BATCH:]
    loss_c = F.cross_entropy(head(fs), ys)
    loss_m = mmd2(fs, ft)
    loss_d = F.binary_cross_entropy_with_logits(domain(GradReverse.apply(f, 1.0)).squeeze(1), dom)
    loss = loss_c + loss_m + loss_d
    loss.backward()
    opt.step()
    return loss.item()


warmup = int(sys.argv[1]) if len(sys.argv) > 1 else 5
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 30
for _ in range(warmup):
    step()
times = []
cpu_times = []
for _ in range(steps):
    t0 = time.perf_counter()
    c0 = time.process_time()
    step()
    cpu_times.append((time.process_time() - c0) * 1000)
    times.append((time.perf_counter() - t0) * 1000)
# Wall-clock and CPU-time medians: on a shared machine the CPU time is the steadier of the two.
print(json.dumps({"ms": statistics.median(times), "cpuMs": statistics.median(cpu_times), "torch": torch.__version__,
                  "threads": torch.get_num_threads(), "steps": steps}))
