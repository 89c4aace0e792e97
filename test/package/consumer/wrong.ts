// Must fail to type-check: proves the declarations are real types, not `any`.
import { checkModel } from 'faultline';
import { catalog } from 'faultline/models';
export const count: number = checkModel(catalog[0]!);
