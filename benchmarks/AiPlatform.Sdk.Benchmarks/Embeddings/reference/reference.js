// Reference token ids and vectors for all-MiniLM-L6-v2: Hugging Face tokenizers (npm "tokenizers" 0.23.2) with a tokenizer.json
// built by build-tokenizer.js, then ONNX Runtime (npm "onnxruntime-node"), one sentence per run, mean pooling over the
// attention mask and L2 normalisation, all in JavaScript, independent of the SDK.
// Usage: node reference.js tokenizer.json model.onnx texts.json out.json [--no-vectors]
// texts.json is a JSON array of strings; out.json gets {"ids": [[...]], "vectors": [[...]]}.
const fs = require('fs');
const { Tokenizer } = require('tokenizers');

(async () => {
  const [tokenizerPath, modelPath, textsPath, outPath] = process.argv.slice(2);
  const withVectors = !process.argv.includes('--no-vectors');
  const tokenizer = Tokenizer.fromFile(tokenizerPath);
  const texts = JSON.parse(fs.readFileSync(textsPath, 'utf8'));
  const ids = [];
  for (const text of texts) {
    ids.push((await tokenizer.encode(text)).getIds());
  }
  const result = { ids };
  if (withVectors) {
    const ort = require('onnxruntime-node');
    const session = await ort.InferenceSession.create(modelPath);
    result.vectors = [];
    for (const row of ids) {
      const n = row.length;
      const feeds = {
        input_ids: new ort.Tensor('int64', BigInt64Array.from(row.map(BigInt)), [1, n]),
        attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
        token_type_ids: new ort.Tensor('int64', new BigInt64Array(n), [1, n]),
      };
      const out = (await session.run(feeds)).last_hidden_state;
      const dim = out.dims[2];
      const v = new Float64Array(dim);
      for (let t = 0; t < n; t++) for (let d = 0; d < dim; d++) v[d] += out.data[t * dim + d];
      let norm = 0;
      for (let d = 0; d < dim; d++) { v[d] /= n; norm += v[d] * v[d]; }
      norm = Math.sqrt(norm);
      result.vectors.push(Array.from(v, x => Number((x / norm).toPrecision(8))));
    }
  }
  fs.writeFileSync(outPath, JSON.stringify(result));
})();
