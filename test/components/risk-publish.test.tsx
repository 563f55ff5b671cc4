// The risk-list publishing page against a stand-in of the `risk` function: the draft's counts, name groups
// a page at a time, one decision for a group through the picker, the preview confirmed (with the reason a
// same-day correction needs), and the job followed until done.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import RiskPublish from '../../src/staff/pages/risk-publish/index';
import { calls, resetTaroMock, setApiHandler } from './support/taro-mock';

jest.mock('../../src/services/files', () => ({
  pickAndUploadFile: jest.fn(async () => ({ ok: true, data: { fileId: 'file-1', name: 'list.json' } })),
}));

const group = (id: string, over: object = {}) => ({
  id,
  province: '吉林省',
  city: '长春市',
  county: `区${id}`,
  rows: 2,
  sample: [{ row: 3, kind: 'high', area: `${id}小区5栋` }],
  status: 'open',
  suggestions: [{ code: '220172', name: '长春净月高新技术产业开发区' }],
  pickFrom: [{ code: '220102', name: '南关区' }],
  provinceCode: '22',
  ...over,
});

function stand(opts: { supersedes?: string } = {}) {
  const groups = Array.from({ length: 25 }, (_, i) => group(`g${i}`));
  let jobPolls = 0;
  const draft = () => {
    const open = groups.filter((g) => g.status === 'open').length;
    return {
      draftId: '2022-12-01_r1_u1',
      date: '2022-12-01',
      revision: opts.supersedes ? 2 : 1,
      ...(opts.supersedes ? { supersedes: opts.supersedes } : {}),
      status: 'draft',
      format: 'json',
      fileName: 'list.json',
      uploadedAt: '2022-12-01T01:00:00.000Z',
      counts: { entries: { high: 37047, medium: 0 }, low: 1875, stated: { high: 37047, medium: null, low: 1875 }, duplicates: 2, groups: 25, open, resolved: 25 - open, excluded: 0, remembered: 0, rows: 0, rowsExcluded: 0, cities: 0 },
      cities: [],
      blockers: open ? [`还有${open}组名称未对应到区县`] : [],
    };
  };
  // Answers are copies, as over the network: the page must not see the stand-in's objects change.
  setApiHandler((fn, data) => JSON.parse(JSON.stringify(answer(fn, data))));
  function answer(fn: string, data: Record<string, unknown>) {
    if (fn !== 'risk') throw new Error(`unexpected ${fn}`);
    switch (data.action) {
      case 'draft':
        return { ok: false, error: { code: 'NOT_FOUND', message: '没有待发布的名单' } };
      case 'job':
        if (!data.versionId) return { ok: true, data: { job: null } };
        jobPolls += 1;
        return { ok: true, data: { job: job(jobPolls >= 1 ? 'done' : 'running') } };
      case 'versions':
        return { ok: true, data: { items: [], total: 0 } };
      case 'upload':
        return { ok: true, data: { draft: draft() } };
      case 'groups': {
        const list = groups.filter((g) => g.status === data.status);
        const from = Number(data.cursor ?? 0);
        const items = list.slice(from, from + Number(data.limit));
        return { ok: true, data: { items, total: list.length, ...(from + items.length < list.length ? { nextCursor: String(from + items.length) } : {}) } };
      }
      case 'search':
        return { ok: true, data: { places: [] } };
      case 'groupRows': {
        const all = Array.from({ length: 3 }, (_, i) => ({ row: 3 + i, kind: 'high', area: i === 0 ? LONG : `第${i}处`, areaText: i === 0 ? LONG : `净月街道第${i}处` }));
        const from = Number(data.cursor ?? 0);
        const items = all.slice(from, from + 2);
        return { ok: true, data: { items, total: 3, ...(from + 2 < 3 ? { nextCursor: String(from + 2) } : {}) } };
      }
      case 'resolve': {
        const g = groups.find((x) => x.id === data.target)!;
        Object.assign(g, { status: 'resolved', countyCode: data.code, countyName: '吉林省长春市南关区', how: 'mapping', decided: { byName: '韦主任', at: '2022-12-01T02:00:00.000Z', remembered: false } });
        return { ok: true, data: { draft: draft(), group: g } };
      }
      case 'preview':
        return {
          ok: true,
          data: {
            preview: {
              draftId: data.draftId, date: '2022-12-01', against: { versionId: '2022-11-25_r1', date: '2022-11-25' }, revision: !!opts.supersedes,
              areas: 36572, added: 20000, removed: 3000, changed: 12, counties: 400, cities: 60, arrivalsTouched: 321,
              warnings: ['请核对'], blockers: [], sampleCounties: [{ code: '220102', name: '吉林省长春市南关区', added: 5, removed: 1, changed: 0 }],
            },
          },
        };
      case 'publish':
        return { ok: true, data: { version: {}, job: job('running') } };
      default:
        throw new Error(`unexpected action ${String(data.action)}`);
    }
  }
  return groups;
}

/** A real area name runs to hundreds of characters (a village with its house numbers). */
const LONG = `净月街道${'福祉大路与生态大街交汇处某小区1栋1单元101室、'.repeat(28)}`.slice(0, 700);

function job(status: 'running' | 'done') {
  return {
    id: 'j', versionId: '2022-12-01_r1', date: '2022-12-01', status, phase: status === 'done' ? 'done' : 'recode', done: status === 'done' ? 80 : 40, total: 80, batches: 2, longestBatchMs: 900,
    startedAt: '2022-12-01T02:00:00.000Z', updatedAt: '2022-12-01T02:00:01.000Z', ...(status === 'done' ? { finishedAt: '2022-12-01T02:00:02.000Z' } : {}),
    recode: { windowStart: '2022-11-03', placesRead: 200, reportsRead: 150, stricter: 7, looser: 2, unchanged: 141 },
  };
}

beforeEach(() => resetTaroMock());

async function uploaded(summary = /名称组共25组：待处理25、/) {
  render(<RiskPublish />);
  fireEvent.click(screen.getByText('选择名单文件并上传'));
  await screen.findByText(summary);
}

it('shows the counts against the file, pages the open groups with 加载更多, and decides a group through the picker', async () => {
  const groups = stand();
  await uploaded();
  expect(screen.getByText('高风险：37047条，与文件所注37047条一致')).toBeTruthy();
  expect(screen.getByText('中风险：0条（文件未注明条数）')).toBeTruthy();
  expect(await screen.findByText('已显示20组，共25组')).toBeTruthy();
  fireEvent.click(screen.getByText('加载更多'));
  expect(await screen.findByText('已显示25组，共25组')).toBeTruthy();
  expect(calls.filter((c) => c.data.action === 'groups').map((c) => c.data.cursor ?? null)).toEqual([null, '20']);

  const card = screen.getByText('吉林省 长春市 区g3').closest('.group-card') as HTMLElement;
  fireEvent.click(within(card).getByText('选择区县'));
  fireEvent.click(within(card).getByText('南关区'));
  expect(within(card).getByTestId('county-picker-chosen').textContent).toBe('吉林省 长春市 区g3（2行） 将对应到：吉林省长春市南关区');
  fireEvent.click(within(card).getByText('确定'));
  await within(card).findByText(/每行对应到：吉林省长春市南关区（手工/);
  expect(calls.find((c) => c.data.action === 'resolve')?.data).toEqual({ action: 'resolve', draftId: '2022-12-01_r1_u1', list: 'areas', target: 'g3', code: '220102' });
  expect(groups.find((g) => g.id === 'g3')?.status).toBe('resolved');
  expect(await screen.findByText(/名称组共25组：待处理24/)).toBeTruthy();
});

it('publishes only after the preview is confirmed, and follows the job until done', async () => {
  const groups = stand();
  await uploaded();
  for (const g of groups) g.status = 'resolved';
  // Decide the last one through the page so the draft it answers has no blockers.
  groups[0]!.status = 'open';
  const card = (await screen.findByText('吉林省 长春市 区g0')).closest('.group-card') as HTMLElement;
  fireEvent.click(within(card).getByText('选择区县'));
  fireEvent.click(within(card).getByText('长春净月高新技术产业开发区'));
  fireEvent.click(within(card).getByText('确定'));
  await screen.findByText('每一组都已对应或排除，可以预览发布');

  fireEvent.click(screen.getByText('预览并发布2022-12-01名单'));
  const dialog = await screen.findByRole('dialog');
  expect(dialog.textContent).toContain('与现行的2022-11-25名单（2022-11-25_r1）相比：发布后共36572个中高风险区域，新增20000个、移除3000个、等级变化12个。');
  expect(dialog.textContent).toContain('将重新评估321名近期抵河人员的健康码');
  expect(dialog.textContent).toContain('吉林省长春市南关区：新增5、移除1、等级变化0');
  expect(calls.some((c) => c.data.action === 'publish')).toBe(false);
  fireEvent.click(within(dialog).getByText('确认发布'));
  await waitFor(() => expect(calls.find((c) => c.data.action === 'publish')?.data).toEqual({ action: 'publish', draftId: '2022-12-01_r1_u1', confirm: true }));
  expect(await screen.findByText(/重新赋码：读取150份报备/)).toBeTruthy();
  expect(await screen.findByText('2022-12-01名单（2022-12-01_r1）：发布完成', undefined, { timeout: 3000 })).toBeTruthy();
  expect(calls.filter((c) => c.data.action === 'job' && c.data.versionId === '2022-12-01_r1').length).toBeGreaterThanOrEqual(1);
});

it('asks for the reason when the draft corrects a day already published', async () => {
  const groups = stand({ supersedes: '2022-12-01_r1' });
  for (const g of groups) g.status = 'resolved';
  groups[0]!.status = 'open';
  await uploaded(/名称组共25组：待处理1、/);
  expect(screen.getByText('此名单将更正已发布的2022-12-01_r1，发布时须填写更正原因')).toBeTruthy();
  const card = (await screen.findByText('吉林省 长春市 区g0')).closest('.group-card') as HTMLElement;
  fireEvent.click(within(card).getByText('选择区县'));
  fireEvent.click(within(card).getByText('南关区'));
  fireEvent.click(within(card).getByText('确定'));
  await screen.findByText('每一组都已对应或排除，可以预览发布');
  fireEvent.click(screen.getByText('预览并发布2022-12-01名单'));
  const dialog = await screen.findByRole('dialog');
  const confirm = within(dialog).getByText('确认发布').closest('.nut-button')!;
  expect(confirm.classList.contains('nut-button-disabled')).toBe(true);
  fireEvent.click(confirm);
  expect(calls.some((c) => c.data.action === 'publish')).toBe(false);
  fireEvent.change(within(dialog).getByPlaceholderText('更正原因（必填，如：国家名单当日第二次更新）'), { target: { value: '国家名单当日17时更正' } });
  expect(confirm.classList.contains('nut-button-disabled')).toBe(false);
  fireEvent.click(confirm);
  await waitFor(() => expect(calls.find((c) => c.data.action === 'publish')?.data).toEqual({ action: 'publish', draftId: '2022-12-01_r1_u1', confirm: true, reason: '国家名单当日17时更正' }));
});

it("opens a group's rows a page at a time, and folds a 700-character area behind 展开 without cutting it", async () => {
  stand();
  await uploaded();
  const card = (await screen.findByText('吉林省 长春市 区g1')).closest('.group-card') as HTMLElement;
  fireEvent.click(within(card).getByText('查看全部2行'));
  const rows = await within(card).findByTestId('group-rows');
  await within(rows).findByText('已显示2行，共3行');
  expect(within(rows).getByText('展开（共700字）', { exact: false })).toBeTruthy();
  expect(rows.textContent).not.toContain(LONG);
  fireEvent.click(within(rows).getByText('展开（共700字）', { exact: false }));
  expect(rows.textContent).toContain(LONG);
  fireEvent.click(within(rows).getByText('加载更多'));
  await within(rows).findByText('已显示3行，共3行');
  expect(rows.textContent).toContain('净月街道第2处');
  expect(calls.filter((c) => c.data.action === 'groupRows').map((c) => [c.data.group, c.data.cursor ?? null])).toEqual([
    ['g1', null],
    ['g1', '2'],
  ]);
});
