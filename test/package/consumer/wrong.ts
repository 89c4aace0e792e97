// Must fail to type-check: proves the declarations are real types, not `any`.
import { checkModel, catalog } from 'faultline';

export const count: number = checkModel(catalog[0]!);
