import { ModelContractError } from '../core/errors.ts';
import { fingerprintEncoding, fingerprintValue } from '../core/fingerprint.ts';
import type { Model } from '../core/model.ts';

/** Computes a state's fingerprint into `fp`, through the model's canonical/encode hooks when present. */
export function makeFingerprinter<S>(model: Model<S, unknown>): (state: S) => void {
  if (model.fingerprint) {
    if (model.encode || !model.canonical) throw new ModelContractError('a model with its own fingerprint() must have canonical() and no encode(): it is the fingerprint of canonical(state)');
    return model.fingerprint.bind(model);
  }
  const canonical = model.canonical?.bind(model);
  const encode = model.encode?.bind(model);
  if (encode && canonical) return (s) => fingerprintEncoding(encode(canonical(s)));
  if (encode) return (s) => fingerprintEncoding(encode(s));
  if (canonical) return (s) => fingerprintValue(canonical(s));
  return (s) => fingerprintValue(s);
}
