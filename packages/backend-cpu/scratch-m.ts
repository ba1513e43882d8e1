import { nn, registerBackend, tensor, ones } from '@ag/core';
import { cpu } from './src/index.ts';
registerBackend(cpu());
const model = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
console.log(String(model));
console.log(model);
const y = model(ones([4, 2]));
console.log(y.shape, model.name, Object.keys(model), model instanceof nn.Module, typeof model);
const c = new nn.Conv2d(1, 20, 5);
console.log(String(c), c.name);
class Net extends nn.Module { fc = new nn.Linear(2,2); forward(x: any) { return this.fc(x); } }
const n = new Net(); console.log(n.namedParameters().map(([k]) => k), n.training);
