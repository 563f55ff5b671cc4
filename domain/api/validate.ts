// Checks a call against its action's schema and says what is wrong in Chinese, naming the field.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { badInput } from '../errors';

const ajv = new Ajv({ allErrors: false, verbose: true, strict: false });
const compiled = new WeakMap<TSchema, ValidateFunction>();

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  integer: '整数',
  number: '数字',
  boolean: '是/否',
  array: '列表',
  object: '对象',
};

function fieldOf(e: ErrorObject): string {
  const path = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'required') path.push(String(e.params.missingProperty));
  return path.join('.');
}

function titleOf(e: ErrorObject, field: string): string {
  const parent = e.parentSchema as { title?: string; properties?: Record<string, { title?: string }> } | undefined;
  if (e.keyword === 'required') return parent?.properties?.[String(e.params.missingProperty)]?.title ?? field;
  return parent?.title ?? (field || '请求');
}

export function messageOf(e: ErrorObject): { message: string; field: string } {
  const field = fieldOf(e);
  if (field === 'action') return { message: '未知的操作', field };
  const title = `「${titleOf(e, field)}」`;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { message: `缺少${title}`, field };
    case 'type':
      return { message: `${title}应为${TYPE_NAMES[String(p.type)] ?? String(p.type)}`, field };
    case 'minLength':
      return { message: p.limit === 1 ? `${title}不能为空` : `${title}至少${String(p.limit)}个字`, field };
    case 'maxLength':
      return { message: `${title}不能超过${String(p.limit)}个字`, field };
    case 'pattern':
      return { message: `${title}格式不正确`, field };
    case 'enum':
    case 'const':
      return { message: `${title}不是可选的值`, field };
    case 'minimum':
      return { message: `${title}不能小于${String(p.limit)}`, field };
    case 'maximum':
      return { message: `${title}不能大于${String(p.limit)}`, field };
    case 'minItems':
      return { message: `${title}至少填写${String(p.limit)}项`, field };
    case 'maxItems':
      return { message: `${title}最多填写${String(p.limit)}项`, field };
    case 'additionalProperties':
      return { message: `不支持的字段「${String(p.additionalProperty)}」`, field: [field, p.additionalProperty].filter(Boolean).join('.') };
    default:
      return { message: `${title}不符合要求`, field };
  }
}

/** Throws a BAD_INPUT AppError for the first problem; returns the input typed by its schema. */
export function check<T>(schema: TSchema, input: unknown): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(input)) return input as T;
  const { message, field } = messageOf(validate.errors![0]!);
  throw badInput(message, field || undefined);
}
