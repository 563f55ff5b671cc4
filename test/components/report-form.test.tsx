import { addDays } from '../../domain/time';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ReportForm } from '../../src/components/ReportForm';
import type { ReportDraft, RiskAreasFn, SubmitFn } from '../../src/hooks/useReportForm';
import { emptyStop } from '../../src/hooks/useReportForm';
import type { ReportDetail, ReportInput } from '../../types/model';
import Taro, { resetTaroMock } from './support/taro-mock';
import { GOOD_ID } from './support/fixtures';

const TODAY = '2022-04-09';
const noRiskAreas: RiskAreasFn = async () => ({ ok: true, data: { listDate: '2022-04-08', areas: [] } });

beforeEach(() => resetTaroMock());

/** A form as a person would have filled it completely. */
function filled(over: Partial<ReportDraft> = {}): Partial<ReportDraft> {
  return {
    name: '张三',
    idNumber: GOOD_ID,
    phone: '13800138000',
    stops: [{ ...emptyStop(), townCode: '220103001', townLabel: '吉林省长春市宽城区兴业街道', departDate: '2022-04-01', riskAreas: [] }],
    arrivalDate: '2022-04-02',
    transport: 'train',
    transportNo: 'G1234',
    villageCode: '451202001001',
    villageLabel: '广西壮族自治区河池市金城江区金城江街道新桥社区',
    address: '新桥路1号',
    ...over,
  };
}

const submitButton = () => screen.getByText('提交报备');

it('shows Chinese messages for a bad ID checksum and a departure after arrival, and does not call the API', async () => {
  const submit = jest.fn<ReturnType<SubmitFn>, Parameters<SubmitFn>>();
  const stop = { ...emptyStop(), townCode: '220103001', townLabel: '吉林省长春市宽城区兴业街道', departDate: '2022-04-05', riskAreas: [] };
  render(
    <ReportForm
      today={TODAY}
      submit={submit}
      loadRiskAreas={noRiskAreas}
      onSubmitted={jest.fn()}
      initial={filled({ idNumber: '110105194912310021', stops: [stop], arrivalDate: '2022-04-02' })}
    />,
  );
  fireEvent.click(submitButton());
  expect(await screen.findByText('身份证号校验位不正确，请核对是否输错')).toBeTruthy();
  expect(screen.getByText('离开出发地的日期不能晚于抵河日期')).toBeTruthy();
  expect(submit).not.toHaveBeenCalled();
});

it('on an empty form, names every missing field in Chinese', async () => {
  const submit = jest.fn<ReturnType<SubmitFn>, Parameters<SubmitFn>>();
  render(<ReportForm today={TODAY} submit={submit} loadRiskAreas={noRiskAreas} onSubmitted={jest.fn()} />);
  fireEvent.click(submitButton());
  expect(await screen.findByText('请填写姓名')).toBeTruthy();
  expect(screen.getByText('请选择抵河日期')).toBeTruthy();
  expect(screen.getByText('请选择交通方式')).toBeTruthy();
  expect(screen.getByText('请选择河池的目的地（到社区/村）')).toBeTruthy();
  expect(submit).not.toHaveBeenCalled();
});

it('the typed name reaches the submitted report', async () => {
  const submit = jest.fn<ReturnType<SubmitFn>, Parameters<SubmitFn>>(async () => ({ ok: true, data: { report: {} as ReportDetail, duplicate: false } }));
  const { container } = render(
    <ReportForm today={TODAY} submit={submit} loadRiskAreas={noRiskAreas} onSubmitted={jest.fn()} initial={filled({ name: '' })} />,
  );
  const nameInput = container.querySelector('input[placeholder="与身份证一致"]') as HTMLInputElement;
  fireEvent.input(nameInput, { target: { value: '李四' } });
  fireEvent.click(submitButton());
  await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
  expect(submit.mock.calls[0]![0]).toMatchObject({ name: '李四', transport: 'train', transportNo: 'G1234', itineraryStar: false });
  // No listed areas in that county: riskAreaIds is left out, not sent as [].
  expect(submit.mock.calls[0]![0].itinerary[0]).toEqual({ townCode: '220103001', departDate: '2022-04-01' });
});

it('a double tap on submit files one report, and a retry after a network failure reuses its requestId', async () => {
  let release!: (v: Awaited<ReturnType<SubmitFn>>) => void;
  const submit = jest.fn<ReturnType<SubmitFn>, Parameters<SubmitFn>>(
    () => new Promise((resolve) => (release = resolve)),
  );
  const onSubmitted = jest.fn();
  render(<ReportForm today={TODAY} submit={submit} loadRiskAreas={noRiskAreas} onSubmitted={onSubmitted} initial={filled()} />);
  fireEvent.click(submitButton());
  fireEvent.click(screen.getByText('正在提交…'));
  expect(submit).toHaveBeenCalledTimes(1);

  await act(async () => release({ ok: false, error: { code: 'NETWORK', message: '网络不可用，请稍后重试' } }));
  expect(await screen.findByText('网络不可用，请稍后重试')).toBeTruthy();

  fireEvent.click(submitButton());
  expect(submit).toHaveBeenCalledTimes(2);
  await act(async () => release({ ok: true, data: { report: { id: 'r1' } as ReportDetail, duplicate: true } }));
  const [first, second] = submit.mock.calls.map((c) => c[0] as ReportInput);
  expect(second!.requestId).toBe(first!.requestId);
  expect(first!.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(onSubmitted).toHaveBeenCalledWith({ id: 'r1' });
});

it('shows the server refusal next to its field', async () => {
  const submit: SubmitFn = async () => ({
    ok: false,
    error: { code: 'BAD_INPUT', message: '河池目的地（社区/村）不存在', field: 'destination.villageCode' },
  });
  render(<ReportForm today={TODAY} submit={submit} loadRiskAreas={noRiskAreas} onSubmitted={jest.fn()} initial={filled()} />);
  fireEvent.click(submitButton());
  const shown = await screen.findAllByText('河池目的地（社区/村）不存在');
  // Once in the banner, once under the destination field.
  expect(shown).toHaveLength(2);
});

it('asks which listed risk areas were visited, and sends [] for 以上均未到过', async () => {
  const loadRiskAreas: RiskAreasFn = async (county) => ({
    ok: true,
    data: { listDate: '2022-04-08', areas: county === '220103' ? [{ id: 'a1', level: 'high', area: '兴业街道某小区' }] : [] },
  });
  const submit = jest.fn<ReturnType<SubmitFn>, Parameters<SubmitFn>>(async () => ({ ok: true, data: { report: {} as ReportDetail, duplicate: false } }));
  const { setApiHandler } = await import('./support/taro-mock');
  setApiHandler((_fn, data) => ({
    ok: true,
    data: {
      divisions: ({
        '': [{ code: '22', name: '吉林省', level: 1, fullName: '吉林省', hasChildren: true }],
        '22': [{ code: '2201', name: '长春市', level: 2, fullName: '吉林省长春市', hasChildren: true }],
        '2201': [{ code: '220103', name: '宽城区', level: 3, fullName: '吉林省长春市宽城区', hasChildren: true }],
        '220103': [{ code: '220103001', name: '兴业街道', level: 4, fullName: '吉林省长春市宽城区兴业街道', hasChildren: true }],
      } as Record<string, unknown>)[(data.code as string) ?? ''],
    },
  }));
  const stop = { ...emptyStop(), departDate: '2022-04-01' };
  render(<ReportForm today={TODAY} submit={submit} loadRiskAreas={loadRiskAreas} onSubmitted={jest.fn()} initial={filled({ stops: [stop] })} />);
  fireEvent.click(screen.getByText('选择省/市/县/乡镇（街道）'));
  for (const name of ['吉林省', '长春市', '宽城区', '兴业街道']) fireEvent.click(await screen.findByText(name));
  expect(await screen.findByText(/兴业街道某小区/)).toBeTruthy();
  fireEvent.click(submitButton());
  expect(await screen.findByText('请选择停留过的风险区域，或选择“以上均未到过”')).toBeTruthy();
  expect(submit).not.toHaveBeenCalled();
  fireEvent.click(screen.getByText('☐ 以上均未到过'));
  fireEvent.click(submitButton());
  await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
  expect(submit.mock.calls[0]![0].itinerary[0]).toEqual({ townCode: '220103001', departDate: '2022-04-01', riskAreaIds: [] });
});

it("narrows a county's risk areas to the street picked, the county's others folded until asked for", async () => {
  const asked: Array<[string, string | undefined]> = [];
  const loadRiskAreas: RiskAreasFn = async (county, town) => {
    asked.push([county, town]);
    return {
      ok: true,
      data: {
        listDate: '2022-12-01',
        areas: [
          { id: 'a1', level: 'high', area: '兴业街道某小区', inTown: true },
          { id: 'a2', level: 'high', area: '团山街道小南街社区' },
          { id: 'a3', level: 'high', area: '团山街道东站社区' },
        ],
      },
    };
  };
  const submit = jest.fn<ReturnType<SubmitFn>, Parameters<SubmitFn>>(async () => ({ ok: true, data: { report: {} as ReportDetail, duplicate: false } }));
  const { setApiHandler } = await import('./support/taro-mock');
  setApiHandler((_fn, data) => ({
    ok: true,
    data: {
      divisions: ({
        '': [{ code: '22', name: '吉林省', level: 1, fullName: '吉林省', hasChildren: true }],
        '22': [{ code: '2201', name: '长春市', level: 2, fullName: '吉林省长春市', hasChildren: true }],
        '2201': [{ code: '220103', name: '宽城区', level: 3, fullName: '吉林省长春市宽城区', hasChildren: true }],
        '220103': [{ code: '220103001', name: '兴业街道', level: 4, fullName: '吉林省长春市宽城区兴业街道', hasChildren: true }],
      } as Record<string, unknown>)[(data.code as string) ?? ''],
    },
  }));
  render(<ReportForm today={TODAY} submit={submit} loadRiskAreas={loadRiskAreas} onSubmitted={jest.fn()} initial={filled({ stops: [{ ...emptyStop(), departDate: '2022-04-01' }] })} />);
  fireEvent.click(screen.getByText('选择省/市/县/乡镇（街道）'));
  for (const name of ['吉林省', '长春市', '宽城区', '兴业街道']) fireEvent.click(await screen.findByText(name));
  expect(await screen.findByText(/兴业街道某小区/)).toBeTruthy();
  expect(asked).toEqual([['220103', '220103001']]);
  expect(screen.queryByText(/团山街道小南街社区/)).toBeNull();
  expect(screen.getByText('☐ 以上均未到过（含未展开的其他区域）')).toBeTruthy();
  fireEvent.click(screen.getByText('展开本县（市、区）其他2个区域'));
  fireEvent.click(await screen.findByText(/团山街道小南街社区/));
  fireEvent.click(submitButton());
  await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
  expect(submit.mock.calls[0]![0].itinerary[0]).toEqual({ townCode: '220103001', departDate: '2022-04-01', riskAreaIds: ['a2'] });
});

it("follows the policy version in force: its itinerary window in the title, its age limit on the arrival date", async () => {
  const submit = jest.fn<ReturnType<SubmitFn>, Parameters<SubmitFn>>();
  render(
    <ReportForm
      today={TODAY}
      submit={submit}
      loadRiskAreas={noRiskAreas}
      onSubmitted={jest.fn()}
      rules={{ itineraryWindowDays: 7, maxArrivalAgeDays: 30 }}
      initial={filled({ arrivalDate: addDays(TODAY, -40) })}
    />,
  );
  expect(screen.getByText('抵河前7天行程')).toBeTruthy();
  fireEvent.click(submitButton());
  expect((await screen.findAllByText('抵河日期不能早于30天前，更早抵河的请联系社区')).length).toBeGreaterThan(0);
  expect(submit).not.toHaveBeenCalled();
});

it('after a refused submit, brings the first field in error into view', async () => {
  const scrolled: Element[] = [];
  const original = Element.prototype.scrollIntoView;
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
  try {
    const submit = jest.fn<ReturnType<SubmitFn>, Parameters<SubmitFn>>();
    // Only the destination address (near the end of the form) is missing.
    render(<ReportForm today={TODAY} submit={submit} loadRiskAreas={noRiskAreas} onSubmitted={jest.fn()} initial={filled({ address: '' })} />);
    fireEvent.click(submitButton());
    await waitFor(() => expect(scrolled).toHaveLength(1));
    expect(scrolled[0].textContent).toContain('详细地址');
    expect(submit).not.toHaveBeenCalled();
  } finally {
    Element.prototype.scrollIntoView = original;
  }
});

it('keeps a half-filled form on the phone and offers it again; a filed report clears it', async () => {
  const first = render(<ReportForm today={TODAY} submit={jest.fn()} loadRiskAreas={noRiskAreas} onSubmitted={jest.fn()} draftKey="self" />);
  fireEvent.input(screen.getByPlaceholderText('与身份证一致'), { target: { value: '张三' } });
  fireEvent.input(screen.getByPlaceholderText('小区、楼栋、门牌号'), { target: { value: '新桥路1号' } });
  await act(() => new Promise((r) => setTimeout(r, 400)));
  first.unmount(); // the person went back

  const submit = jest.fn<ReturnType<SubmitFn>, Parameters<SubmitFn>>(async (input) => ({ ok: true, data: { report: { id: 'r1', name: input.name } as ReportDetail, duplicate: false } }));
  const second = render(<ReportForm today={TODAY} submit={submit} loadRiskAreas={noRiskAreas} onSubmitted={jest.fn()} draftKey="self" initial={filled({ name: '' })} />);
  expect(screen.getByTestId('draft-restored')).toBeTruthy();
  expect((screen.getByPlaceholderText('与身份证一致') as HTMLInputElement).value).toBe('张三');
  expect((screen.getByPlaceholderText('小区、楼栋、门牌号') as HTMLInputElement).value).toBe('新桥路1号');
  second.unmount();

  // Filed: nothing is offered next time.
  render(<ReportForm today={TODAY} submit={submit} loadRiskAreas={noRiskAreas} onSubmitted={jest.fn()} draftKey="fresh" initial={filled()} />);
  fireEvent.click(submitButton());
  await waitFor(() => expect(submit).toHaveBeenCalled());
  await act(() => new Promise((r) => setTimeout(r, 400)));
  expect(Taro.getStorageSync('saoma.reportDraft.fresh')).toBe('');
});
