/** A row of tabs, one selected; `label` names each in the screen's words. */
export function Tabs<T extends string>(props: {
  tabs: readonly T[];
  selected: T;
  label: (tab: T) => string;
  onSelect: (tab: T) => void;
}) {
  return (
    <div className="tabs" role="tablist">
      {props.tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={props.selected === tab}
          className={props.selected === tab ? 'active' : 'ghost'}
          onClick={() => props.onSelect(tab)}
        >
          {props.label(tab)}
        </button>
      ))}
    </div>
  );
}
