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

/**
 * Computes the fingerprint of a state as it is, not reduced by symmetry: through `encode` when the
 * model has it, else structurally. The random engines count the distinct states they visit with
 * it, since a walk needs no reduction and a representative costs more than the step that made it.
 */
export function makeConcreteFingerprinter<S>(model: Model<S, unknown>): (state: S) => void {
  const encode = model.encode?.bind(model);
  if (encode) return (s) => fingerprintEncoding(encode(s));
  return (s) => fingerprintValue(s);
}
