// One rule for every person's name the system keeps (a report's, a family member's, a staff
// account's, a contact's): Han characters, Latin letters, the middle dot and spaces. Bidirectional
// overrides, zero-width characters and control characters (NUL) are named apart, because they let
// one name display as another on a checkpoint's screen or in the audit log. Pure: the app shares it.

/** Control characters, zero-width characters and bidirectional controls. */
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;
const NAME = /^[\p{Script=Han}·•A-Za-z .]+$/u;

export const MAX_NAME_LENGTH = 30;

/** Why a (trimmed) name cannot be kept, or null. */
export function nameProblem(name: string): string | null {
  if (!name) return '请填写姓名';
  if (INVISIBLE.test(name)) return '姓名不能包含控制字符或不可见字符（如零宽字符、文字方向控制符）';
  if ([...name].length > MAX_NAME_LENGTH) return `姓名不能超过${MAX_NAME_LENGTH}个字`;
  if (!NAME.test(name)) return '姓名只能包含汉字、字母和间隔号';
  return null;
}

/** Free text shown to others (a title, an address, a note): no invisible or control characters. */
export function plainTextProblem(text: string, label: string): string | null {
  return /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u.test(text)
    ? `「${label}」不能包含控制字符或不可见字符`
    : null;
}
