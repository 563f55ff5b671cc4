// A searchable picker for the one county (or city) a name group means. A list of rows, not a wheel: a
// mouse clicks, a finger taps, a keyboard moves with ↑/↓ and picks with Enter. Nothing is chosen until
// the person chooses, and 确定 stays off until then — the old wheel's 确定 silently took the first county.
// Keyboard: ↑/↓ move, Enter chooses, Enter again confirms, Esc cancels.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PlaceView } from '../../../types/api/risk';
import { filterPlaces, type PlaceOption } from '../lib/risk';
import './CountyPicker.css';

export type SearchPlaces = (text: string) => Promise<Array<PlaceView & { fullName?: string }>>;

interface Props {
  /** Likely places first (the server's guess), then the places of the row's city or province. */
  suggestions: PlaceView[];
  pickFrom: PlaceView[];
  /** Searches the server when text is typed (the caller narrows it to the row's province). */
  search?: SearchPlaces;
  /** What is being decided, for the sentence above 确定, e.g. "吉林省长春市净月区（12行）". */
  subject: string;
  placeholder?: string;
  /** The names above the `pickFrom` places (e.g. 广东省惠州市), so the choice reads in full. */
  pickFromParent?: string;
  busy?: boolean;
  onConfirm: (place: PlaceOption) => void;
  onCancel?: () => void;
}

const SEARCH_DELAY_MS = 250;

/**
 * Taro's Input stops the native keydown and emits its own: in H5 a custom event whose detail carries
 * only the keyCode; in the React build the native event itself. Either way, the key by name.
 */
type KeyEvent = { key?: string; keyCode?: number; detail?: { keyCode?: number | string }; preventDefault?(): void };
const KEY_NAMES: Record<number, string> = { 13: 'Enter', 27: 'Escape', 38: 'ArrowUp', 40: 'ArrowDown' };
function keyOf(e: KeyEvent): string {
  if (typeof e.key === 'string' && e.key) return e.key;
  const code = Number(e.detail?.keyCode ?? e.keyCode);
  return KEY_NAMES[code] ?? (typeof e.detail?.keyCode === 'string' ? e.detail.keyCode : '');
}
const SOURCE_LABEL: Record<PlaceOption['source'], string> = { suggested: '可能是', city: '本市', search: '搜索' };

export function CountyPicker({ suggestions, pickFrom, search, subject, placeholder = '输入区县名称筛选，如 南关', pickFromParent = '', busy = false, onConfirm, onCancel }: Props) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Array<PlaceView & { fullName?: string }>>([]);
  const [searching, setSearching] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<PlaceOption | null>(null);
  const asked = useRef(0);
  const listId = `county-picker-${useId().replace(/:/g, '')}`;
  const optionId = (i: number) => `${listId}-${i}`;

  // The option moved to with ↑/↓ stays in sight in the scrolling list (H5; WeChat has no keyboard).
  useEffect(() => {
    if (active < 0 || typeof document === 'undefined') return;
    const el = document.getElementById(optionId(active)) as (HTMLElement & { scrollIntoView?: (o: object) => void }) | null;
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [active]); // eslint-disable-line react-hooks/exhaustive-deps
  // The caller may pass a new function each render: only the text starts a search.
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(() => {
    const q = text.trim();
    const run = searchRef.current;
    setFound([]);
    const mine = ++asked.current;
    if (!q || !run) return setSearching(false);
    setSearching(true);
    const timer = setTimeout(() => {
      void run(q).then(
        (places) => mine === asked.current && (setFound(places), setSearching(false)),
        () => mine === asked.current && setSearching(false),
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const options = useMemo(
    () =>
      filterPlaces(
        [
          { source: 'suggested', places: suggestions },
          { source: 'city', places: pickFrom },
          { source: 'search', places: found },
        ],
        text,
      ),
    [suggestions, pickFrom, found, text],
  );

  const onText = (value: string) => {
    setText(value);
    setActive(-1);
  };
  const onKeyDown = (e: KeyEvent) => {
    const key = keyOf(e);
    if (key === 'ArrowDown') {
      e.preventDefault?.();
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (key === 'ArrowUp') {
      e.preventDefault?.();
      setActive((i) => Math.max(i - 1, 0));
    } else if (key === 'Enter') {
      e.preventDefault?.();
      const o = options[active];
      // The first Enter chooses (and says which county in words); Enter again on it is 确定.
      if (o && chosen?.code === o.code && !busy) onConfirm(o);
      else if (o) setChosen(o);
    } else if (key === 'Escape' && onCancel) {
      onCancel();
    }
  };
  const label = (o: PlaceOption) => o.fullName ?? o.name;
  const fullLabel = (o: PlaceOption) => o.fullName ?? (o.source === 'city' ? `${pickFromParent}${o.name}` : o.name);

  return (
    <View className="county-picker">
      <Input
        className="county-picker__input"
        placeholder={placeholder}
        value={text}
        onInput={(e) => onText(e.detail.value)}
        aria-label={placeholder}
        // Declared by neither Taro type, but both H5 implementations call it (see KeyEvent).
        {...({ onKeyDown } as object)}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
      />
      <View className="county-picker__options" role="listbox" id={listId} aria-label="可选区县">
        {options.map((o, i) => (
          <View
            key={o.code}
            id={optionId(i)}
            role="option"
            aria-selected={chosen?.code === o.code}
            className={`county-picker__option${i === active ? ' county-picker__option--active' : ''}${chosen?.code === o.code ? ' county-picker__option--chosen' : ''}`}
            onClick={() => {
              setActive(i);
              setChosen(o);
            }}
          >
            <Text className="county-picker__name">{label(o)}</Text>
            <Text className="county-picker__source">{SOURCE_LABEL[o.source]}</Text>
          </View>
        ))}
        {options.length === 0 && <Text className="county-picker__empty">{searching ? '正在搜索…' : text.trim() ? `未找到“${text.trim()}”，换个写法试试` : '没有可选的区县，请输入名称搜索'}</Text>}
        {searching && options.length > 0 && <Text className="county-picker__empty">正在搜索更多…</Text>}
      </View>
      <Text className={`county-picker__chosen${chosen ? '' : ' county-picker__chosen--none'}`} data-testid="county-picker-chosen">
        {chosen ? `${subject} 将对应到：${fullLabel(chosen)}` : '尚未选择区县'}
      </Text>
      <View className="county-picker__actions">
        {onCancel && (
          <Button size="small" onClick={onCancel}>
            取消
          </Button>
        )}
        <Button size="small" type="primary" disabled={!chosen || busy} loading={busy} onClick={() => chosen && !busy && onConfirm(chosen)}>
          确定
        </Button>
      </View>
    </View>
  );
}
