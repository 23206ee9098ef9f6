"""The PyTorch side of `npm run bench -- e2e`: trains the models a Stepstone run trains, on the same rows.

Input: the JSON written by bench/e2e/torch-work.ts (the source, target and test rows of the run's first seed,
and for every model its layers, loss, optimiser, batch size and optimiser steps). Written as a PyTorch user
would write it: one forward pass over the concatenated source + target batch, `loss.item()` per step for the
epoch's log line, test accuracy once at the end. Usage: python3 e2e_torch.py work.json THREADS (0 = PyTorch's
default). Prints one JSON line: wall and CPU seconds per model and in total, test accuracy, steps.
"""
import json
import math
import os
import sys
import time

THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 1
if THREADS > 0:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(THREADS)

import torch  # noqa: E402  (thread variables must be set first)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

if THREADS > 0:
    torch.set_num_threads(THREADS)


def act(name):
    return {"relu": nn.ReLU(), "tanh": nn.Tanh(), "sigmoid": nn.Sigmoid(), "elu": nn.ELU()}.get(name)


def mlp(width, layers):
    """One Sequential block (Linear + activation) per plan layer, so that MMD can read each layer's output."""
    blocks = []
    for layer in layers:
        a = act(layer["activation"])
        blocks.append(nn.Sequential(nn.Linear(width, layer["units"]), *([a] if a is not None else [])))
        width = layer["units"]
    return nn.Sequential(*blocks), width


class GradReverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lam):
        ctx.lam = lam
        return x.view_as(x)

    @staticmethod
    def backward(ctx, g):
        return -ctx.lam * g, None


def dann_lambda(p, sched):
    if sched["kind"] == "constant":
        return sched["value"]
    return sched["max"] * (2.0 / (1.0 + math.exp(-sched["gamma"] * min(max(p, 0), 1))) - 1.0)


def learning_rate(opt, p):
    mu0, s = opt["learningRate"], opt["schedule"]
    if s["kind"] == "dann":
        return mu0 / (1 + s["alpha"] * p) ** s["beta"]
    if s["kind"] == "cosine":
        return mu0 * (1 + math.cos(math.pi * p)) / 2
    return mu0


def mmd2(zs, zt, alphas, unbiased):
    z = torch.cat([zs, zt])
    n, m = zs.shape[0], zt.shape[0]
    d = torch.cdist(z, z).pow(2)
    with torch.no_grad():
        c = z - z.mean(0, keepdim=True)
        sigma2 = (2 * c.pow(2).sum() / (z.shape[0] - 1)).clamp_min(1e-12)
    k = sum(torch.exp(-d / (2 * a * sigma2)) for a in alphas) / len(alphas)
    kss, ktt, kst = k[:n, :n], k[n:, n:], k[:n, n:]
    if unbiased:
        return (kss.sum() - kss.diagonal().sum()) / (n * (n - 1)) + (ktt.sum() - ktt.diagonal().sum()) / (m * (m - 1)) - 2 * kst.mean()
    return kss.mean() + ktt.mean() - 2 * kst.mean()


def train(work, spec, seed):
    torch.manual_seed(seed)
    extractor, feat = mlp(work["width"], spec["extractor"])
    head, _ = mlp(feat, spec["head"])
    params = list(extractor.parameters()) + list(head.parameters())
    loss_spec = spec["loss"]
    domain = None
    if loss_spec and loss_spec["kind"] == "domainAdversarial":
        domain, _ = mlp(feat, [{"units": h, "activation": "relu"} for h in loss_spec["hidden"]] + [{"units": 1, "activation": "linear"}])
        params += list(domain.parameters())
    opt = torch.optim.Adam(params, lr=spec["optimizer"]["learningRate"])
    xs = torch.tensor(work["source"]["x"], dtype=torch.float32).view(-1, work["width"])
    ys = torch.tensor(work["source"]["y"], dtype=torch.long)
    xt = torch.tensor(work["target"]["x"], dtype=torch.float32).view(-1, work["width"])
    adapt = loss_spec is not None
    batch, steps = spec["batch"], spec["steps"]
    per_epoch = max(math.ceil(xs.shape[0] / batch), math.ceil(xt.shape[0] / batch) if adapt else 1)
    step = 0
    while step < steps:
        os_, ot = torch.randperm(xs.shape[0]), torch.randperm(xt.shape[0])
        running = 0.0
        for i in range(min(per_epoch, steps - step)):
            p = step / steps
            for g in opt.param_groups:
                g["lr"] = learning_rate(spec["optimizer"], p)
            bs = os_[torch.arange(i * batch, i * batch + min(batch, xs.shape[0])) % xs.shape[0]]
            if adapt:
                bt = ot[torch.arange(i * batch, i * batch + min(batch, xt.shape[0])) % xt.shape[0]]
                x = torch.cat([xs[bs], xt[bt]])
            else:
                x = xs[bs]
            ns = bs.shape[0]
            if loss_spec and loss_spec["kind"] == "mmd":
                hs, h = [], x
                for block in extractor:
                    h = block(h)
                    hs.append(h)
                f = h
            else:
                f = extractor(x)
            loss = F.cross_entropy(head(f[:ns]), ys[bs])
            if loss_spec and loss_spec["kind"] == "domainAdversarial":
                logits = domain(GradReverse.apply(f, dann_lambda(p, loss_spec["lambda"]))).view(-1)
                labels = torch.cat([torch.ones(ns), torch.zeros(x.shape[0] - ns)])
                loss = loss + loss_spec["weight"] * F.binary_cross_entropy_with_logits(logits, labels)
            elif loss_spec and loss_spec["kind"] == "mmd":
                named = {f"extractor/dense_{k}": h for k, h in enumerate(hs)}
                named["features"] = hs[-1]
                terms = [mmd2(named[n][:ns], named[n][ns:], loss_spec["alphas"], loss_spec["estimator"] != "biased") for n in loss_spec["layers"]]
                loss = loss + loss_spec["weight"] * sum(terms)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
            step += 1
    with torch.no_grad():
        xtest = torch.tensor(work["test"]["x"], dtype=torch.float32).view(-1, work["width"])
        ytest = torch.tensor(work["test"]["y"], dtype=torch.long)
        acc = (head(extractor(xtest)).argmax(1) == ytest).float().mean().item() if ytest.numel() else None
    return acc


def main():
    t0, c0 = time.perf_counter(), time.process_time()
    with open(sys.argv[1]) as f:
        work = json.load(f)
    models = []
    for k, spec in enumerate(work["models"]):
        w, c = time.perf_counter(), time.process_time()
        acc = train(work, spec, k)
        models.append({"track": spec["track"], "steps": spec["steps"], "wall": time.perf_counter() - w, "cpu": time.process_time() - c, "testAccuracy": acc})
    print(json.dumps({"threads": torch.get_num_threads(), "torch": torch.__version__, "wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "models": models}))


if __name__ == "__main__":
    main()
