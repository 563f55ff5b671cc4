import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../../types/api';
import type { ServiceContext } from '../../services/context';

/** The actions of one cloud function, each typed by its schema and its declared output. */
export type Handlers<F extends FunctionName> = {
  [A in ActionName<F>]: (ctx: ServiceContext, input: ActionInput<F, A>) => Promise<ActionOutput<F, A>> | ActionOutput<F, A>;
};
