/** One background question as a group of radio cards, plus an optional detail line. */
interface Option<V extends string> {
  value: V;
  label: string;
  hint: string;
}

interface Props<V extends string> {
  name: string;
  legend: string;
  options: Option<V>[];
  value: V | null;
  onChange(value: V): void;
  detail: string;
  onDetail(detail: string): void;
  detailLabel: string;
}

export function BackgroundChoice<V extends string>(props: Props<V>) {
  const { name, legend, options, value, onChange, detail, onDetail, detailLabel } = props;
  return (
    <fieldset className="account-choice" data-testid={`choice-${name}`}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="account-option">
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            data-testid={`${name}-${o.value}`}
          />
          <span>
            <strong>{o.label}</strong>
            <span className="hint">{o.hint}</span>
          </span>
        </label>
      ))}
      <div className="field">
        <label htmlFor={`${name}-detail`}>{detailLabel} (optional)</label>
        <input
          id={`${name}-detail`}
          type="text"
          maxLength={200}
          value={detail}
          onChange={(e) => onDetail(e.target.value)}
          data-testid={`${name}-detail`}
        />
      </div>
    </fieldset>
  );
}
