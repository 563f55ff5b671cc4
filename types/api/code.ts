// `code`: the person's own health code.
import type { MyCode } from '../model';
import { emptyAction } from './common';

export const CODE = { mine: emptyAction('mine') } as const;

export interface CodeOutputs {
  mine: MyCode;
}
