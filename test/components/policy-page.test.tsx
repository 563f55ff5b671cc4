// The Bureau's policy-version page against a stand-in of the `policy` function: the versions listed
// with their state, a file checked (its problems, or what it changes and whom), scheduled only with a
// basis written, and a scheduled version withdrawn with a reason.
import { fireEvent, render, screen } from '@testing-library/react';
import PolicyPage from '../../src/staff/pages/policy/index';
import { calls, resetTaroMock, setApiHandler } from './support/taro-mock';

jest.mock('../../src/services/files', () => ({
  pickAndUploadFile: jest.fn(async () => ({ ok: true, data: { fileId: 'file-1', name: 'policy.json' } })),
}));

const version = (over: object) => ({
  id: 'pv_1', policyVersion: 'fixture-two-levels@1.0.0', title: '测试政策', effectiveDate: '2099-01-02', state: 'scheduled',
  changes: ['计入行程的天数：抵河前14天 → 7天'], affected: { read: 6, stricter: 1, looser: 3, complete: true }, reason: '测试文号', byName: '韦主任', at: '2099-01-01T00:00:00Z', ...over,
});

function stand(check: object) {
  let scheduled = false;
  setApiHandler((fn, data) => {
    if (fn !== 'policy') throw new Error(`unexpected ${fn}`);
    switch (data.action) {
      case 'list':
        return { ok: true, data: { inForce: 'hechi-2022-04-09@1.0.0', versions: [...(scheduled ? [version({})] : []), version({ id: 'builtin', policyVersion: 'hechi-2022-04-09@1.0.0', state: 'in-force', changes: [], affected: null })] } };
      case 'check':
        return { ok: true, data: check };
      case 'schedule':
        scheduled = true;
        return { ok: true, data: { version: version({}) } };
      case 'withdraw':
        return { ok: true, data: { version: version({ state: 'withdrawn' }) } };
      default:
        throw new Error(`unexpected ${String(data.action)}`);
    }
  });
}

beforeEach(() => resetTaroMock());

it('shows a file’s problems and offers no scheduling', async () => {
  stand({ ok: false, effectiveDate: '2099-01-02', problems: ['vector "A day 21": code is "yellow", expected "red"'], changes: [], affected: null });
  render(<PolicyPage />);
  await screen.findByText('hechi-2022-04-09@1.0.0（现行）');
  fireEvent.click(screen.getByText('选择政策文件并检查'));
  expect(await screen.findByText('vector "A day 21": code is "yellow", expected "red"')).toBeTruthy();
  expect(screen.queryByText('确认排期')).toBeNull();
});

it('shows what a file changes and whom, schedules it with a basis, then withdraws it with a reason', async () => {
  stand({ ok: true, effectiveDate: '2099-01-02', problems: [], id: 'pv_1', policyVersion: 'fixture-two-levels@1.0.0', replaces: 'hechi-2022-04-09@1.0.0', changes: ['计入行程的天数：抵河前14天 → 7天'], affected: { read: 6, stricter: 1, looser: 3, complete: true } });
  render(<PolicyPage />);
  fireEvent.click(await screen.findByText('选择政策文件并检查'));
  expect(await screen.findByText('fixture-two-levels@1.0.0 通过检查，将取代 hechi-2022-04-09@1.0.0')).toBeTruthy();
  expect(screen.getByText('· 计入行程的天数：抵河前14天 → 7天')).toBeTruthy();
  expect(screen.getByText('按今日名单估算，在管的6人中：1人赋码更严（生效时立即改码），3人更宽（交区划管理员确认）')).toBeTruthy();
  fireEvent.click(screen.getByText('确认排期'));
  expect(calls.some((c) => c.data.action === 'schedule')).toBe(false);
  fireEvent.input(screen.getByPlaceholderText('文件名称或文号；撤回时填写理由'), { target: { value: '测试文号' } });
  fireEvent.click(screen.getByText('确认排期'));
  await screen.findByText('fixture-two-levels@1.0.0 已排期，2099-01-02 0时起生效');
  expect(calls.find((c) => c.data.action === 'schedule')?.data).toMatchObject({ fileId: 'file-1', reason: '测试文号' });
  fireEvent.click(await screen.findByText('撤回（生效前）'));
  await screen.findByText('已撤回 fixture-two-levels@1.0.0');
  expect(calls.find((c) => c.data.action === 'withdraw')?.data).toEqual({ action: 'withdraw', id: 'pv_1', reason: '测试文号' });
});
