/**
 * Model → ONNX bytes (built with onnx-proto): input `features` float32 [N, FEATURE_COUNT], output `p_drop`
 * float32 [N, 1], calibrated. Trees use ai.onnx.ml TreeEnsembleRegressor, which onnxruntime-web's wasm build runs.
 */
import onnxProto from 'onnx-proto';
import { FEATURE_COUNT } from '../../shared/predict/features.ts';
import type { Model, TreesModel } from './model.ts';

const { onnx } = onnxProto;
const A = onnx.AttributeProto.AttributeType;
const utf8 = (s: string) => new TextEncoder().encode(s);

const ints = (name: string, v: number[]) => ({ name, type: A.INTS, ints: v });
const floats = (name: string, v: number[]) => ({ name, type: A.FLOATS, floats: v });
const strings = (name: string, v: string[]) => ({ name, type: A.STRINGS, strings: v.map(utf8) });
const int = (name: string, v: number) => ({ name, type: A.INT, i: v });
const string = (name: string, v: string) => ({ name, type: A.STRING, s: utf8(v) });

function tensor(name: string, dims: number[], values: number[]) {
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: values };
}

function valueInfo(name: string, dims: (number | string)[]) {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

function treeNode(model: TreesModel, output: string) {
  const n = { tree: [] as number[], id: [] as number[], feature: [] as number[], mode: [] as string[] };
  const split = { value: [] as number[], yes: [] as number[], no: [] as number[] };
  const target = { tree: [] as number[], node: [] as number[], weight: [] as number[] };
  model.trees.forEach((tree, t) => {
    tree.forEach((node, i) => {
      n.tree.push(t);
      n.id.push(i);
      const leaf = node.feature < 0;
      n.feature.push(leaf ? 0 : node.feature);
      n.mode.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      split.value.push(leaf ? 0 : node.threshold);
      split.yes.push(leaf ? 0 : node.left);
      split.no.push(leaf ? 0 : node.right);
      if (leaf) {
        target.tree.push(t);
        target.node.push(i);
        target.weight.push(node.value);
      }
    });
  });
  return onnx.NodeProto.create({
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: ['features'],
    output: [output],
    attribute: [
      int('n_targets', 1),
      ints('nodes_treeids', n.tree),
      ints('nodes_nodeids', n.id),
      ints('nodes_featureids', n.feature),
      strings('nodes_modes', n.mode),
      floats('nodes_values', split.value),
      ints('nodes_truenodeids', split.yes),
      ints('nodes_falsenodeids', split.no),
      ints('target_treeids', target.tree),
      ints('target_nodeids', target.node),
      ints('target_ids', new Array(target.node.length).fill(0)),
      floats('target_weights', target.weight),
      floats('base_values', [model.base]),
      string('aggregate_function', 'SUM'),
      string('post_transform', 'NONE'),
    ],
  });
}

/** `output = features · weights + addend`, through the intermediate `product`: a linear term of the graph. */
function featuresTimesPlus(weights: string, addend: string, product: string, output: string) {
  return [
    onnx.NodeProto.create({ opType: 'MatMul', input: ['features', weights], output: [product] }),
    onnx.NodeProto.create({ opType: 'Add', input: [addend, product], output: [output] }),
  ];
}

/** Graph nodes (and their initializers) that compute the model's logit into `output`. */
function logitGraph(
  model: Model,
  output: string,
  prefix = '',
): { nodes: onnxProto.onnx.INodeProto[]; initializer: onnxProto.onnx.ITensorProto[] } {
  const nodes: onnxProto.onnx.INodeProto[] = [];
  const initializer: onnxProto.onnx.ITensorProto[] = [];
  if (model.kind === 'blend') {
    const base = logitGraph(model.base, `${prefix}base_logit`, `${prefix}base_`);
    nodes.push(...base.nodes);
    initializer.push(...base.initializer);
    const column = new Array<number>(FEATURE_COUNT).fill(0);
    column[model.feature] = model.weight;
    initializer.push(tensor(`${prefix}blend_weights`, [FEATURE_COUNT, 1], column));
    nodes.push(
      ...featuresTimesPlus(`${prefix}blend_weights`, `${prefix}base_logit`, `${prefix}blend_term`, output),
    );
  } else if (model.kind === 'logistic') {
    initializer.push(
      tensor(`${prefix}weights`, [FEATURE_COUNT, 1], model.weights),
      tensor(`${prefix}bias`, [1], [model.bias]),
    );
    nodes.push(...featuresTimesPlus(`${prefix}weights`, `${prefix}bias`, `${prefix}product`, output));
  } else {
    nodes.push(treeNode(model, output));
  }
  return { nodes, initializer };
}

export function toOnnx(model: Model, docString = ''): Uint8Array {
  const { nodes, initializer } = logitGraph(model, 'logit');
  nodes.push(onnx.NodeProto.create({ opType: 'Sigmoid', input: ['logit'], output: ['p_drop'] }));
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'aliexpress-companion scripts/predict',
    docString,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    graph: {
      name: 'price_drop',
      node: nodes,
      initializer,
      input: [valueInfo('features', ['N', FEATURE_COUNT])],
      output: [valueInfo('p_drop', ['N', 1])],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}
