// TensorFlow Playground's engine timed as its page uses it (src/playground.ts: oneStep, getLoss,
// updateDecisionBoundary), without drawing. Reads one JSON object from stdin:
//   {networks: [{name, hidden, train: [[x1, x2, label±1], ...], test: [...], batch, lr, seconds, trials,
//                density, bounds: [lo, hi], grid_runs}]}
// and prints one JSON object: {name: {epochs_per_s, neurons_grid_ms}}. benchmarks/tfp_engine.py drives it.
"use strict";
const nn = require("./nn.js");

function network(hidden) {  // as playground.ts builds it for a classification problem on x1, x2
  return nn.buildNetwork([2, ...hidden, 1], nn.Activations.TANH, nn.Activations.TANH, null, ["x", "y"], false);
}

function getLoss(net, points) {
  let loss = 0;
  for (const [x, y, label] of points) loss += nn.Errors.SQUARE.error(nn.forwardProp(net, [x, y]), label);
  return loss / points.length;
}

function oneStep(net, spec) {  // one epoch: every training point, an update every `batch` points, both losses
  spec.train.forEach(([x, y, label], i) => {
    nn.forwardProp(net, [x, y]);
    nn.backProp(net, label, nn.Errors.SQUARE);
    if ((i + 1) % spec.batch === 0) nn.updateWeights(net, spec.lr, 0);
  });
  return [getLoss(net, spec.train), getLoss(net, spec.test)];
}

function updateDecisionBoundary(net, boundary, density, lo, hi) {  // every neuron's output over the grid
  for (let i = 0; i < density; i++) {
    for (let j = 0; j < density; j++) {
      const x = lo + (hi - lo) * i / (density - 1), y = hi - (hi - lo) * j / (density - 1);
      nn.forwardProp(net, [x, y]);
      nn.forEachNode(net, true, node => { boundary[node.id][i][j] = node.output; });
    }
  }
}

function time(spec) {
  let best = 0;
  for (let t = 0; t < spec.trials; t++) {
    const net = network(spec.hidden);
    oneStep(net, spec); oneStep(net, spec);  // warm up (JIT)
    let epochs = 0;
    const start = performance.now();
    while (performance.now() - start < spec.seconds * 1000) { oneStep(net, spec); epochs++; }
    best = Math.max(best, epochs / ((performance.now() - start) / 1000));
  }
  const net = network(spec.hidden), boundary = {};
  nn.forEachNode(net, true, node => {
    boundary[node.id] = Array.from({ length: spec.density }, () => new Array(spec.density));
  });
  const ms = [];
  for (let r = 0; r < spec.grid_runs + 2; r++) {
    const start = performance.now();
    updateDecisionBoundary(net, boundary, spec.density, spec.bounds[0], spec.bounds[1]);
    if (r >= 2) ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { epochs_per_s: best, neurons_grid_ms: ms[Math.floor(ms.length / 2)] };
}

let input = "";
process.stdin.on("data", d => { input += d; });
process.stdin.on("end", () => {
  const out = {};
  for (const spec of JSON.parse(input).networks) out[spec.name] = time(spec);
  console.log(JSON.stringify(out));
});
