"""Events on the timeline (cx.annotations): the Data page's section, the "Add event" popover on
the chart pages, the charts' marks, the report's list and every error sentence."""
STRINGS = {
    "annotations.title": {"en": "Events on the timeline", "ja": "タイムライン上の出来事"},
    "annotations.explain": {
        "en": "Mark what happened — a price rise, a new barista, a campaign — and every chart "
              "over time shows it. An event is one day, or a span with an end date.",
        "ja": "値上げ、新しいスタッフ、キャンペーンなどの出来事を記録すると、時系列のすべての"
              "グラフに表示されます。1 日だけの出来事のほか、終了日を入れると期間になります。"},
    "annotations.date": {"en": "Date", "ja": "日付"},
    "annotations.end": {"en": "End date (optional)", "ja": "終了日（任意）"},
    "annotations.label": {"en": "Label", "ja": "ラベル"},
    "annotations.label_help": {"en": "A few words, at most {max} characters.",
                               "ja": "短い言葉で（{max} 文字まで）。"},
    "annotations.add": {"en": "Add event", "ja": "出来事を追加"},
    "annotations.added": {"en": "Event “{label}” added.", "ja": "出来事「{label}」を追加しました。"},
    "annotations.deleted": {"en": "Event “{label}” deleted.",
                            "ja": "出来事「{label}」を削除しました。"},
    "annotations.delete": {"en": "Delete", "ja": "削除"},
    "annotations.none": {"en": "No events yet.", "ja": "出来事はまだありません。"},
    "annotations.download": {"en": "Download events (CSV)", "ja": "出来事をダウンロード（CSV）"},
    "annotations.upload": {"en": "Import events from a CSV (columns date, label, end)",
                           "ja": "CSV から出来事を取り込む（列：date, label, end）"},
    "annotations.import_button": {"en": "Import events", "ja": "出来事を取り込む"},
    "annotations.imported": {"en": "{added} events added, {duplicates} already there.",
                             "ja": "{added} 件の出来事を追加しました（{duplicates} 件は登録済み）。"},
    "annotations.imported.one": {"en": "1 event added, {duplicates} already there.",
                                 "ja": "1 件の出来事を追加しました（{duplicates} 件は登録済み）。"},
    "annotations.span": {"en": "{start} – {end}", "ja": "{start}〜{end}"},
    "annotations.legend": {"en": "Event", "ja": "出来事"},
    "annotations.in_cohort": {"en": "Event in this cohort's {unit}: {events}",
                              "ja": "このコホートの{unit}の出来事：{events}"},
    "annotations.report_title": {"en": "Events in this period", "ja": "この期間の出来事"},
    "annotations.col.date": {"en": "Date", "ja": "日付"},
    "annotations.col.end": {"en": "End", "ja": "終了日"},
    "annotations.col.label": {"en": "Event", "ja": "出来事"},
    "annotations.error.no_date": {"en": "An event needs a date.", "ja": "出来事には日付が必要です。"},
    "annotations.error.bad_date": {
        "en": "“{value}” is not a date; write it as YYYY-MM-DD, such as 2026-03-01.",
        "ja": "「{value}」は日付として読めません。2026-03-01 のように YYYY-MM-DD で入力してください。"},
    "annotations.error.label_empty": {"en": "An event needs a label.",
                                      "ja": "出来事にはラベルが必要です。"},
    "annotations.error.label_too_long": {
        "en": "A label is at most {max} characters, and this one has {n}.",
        "ja": "ラベルは {max} 文字までです（この入力は {n} 文字）。"},
    "annotations.error.end_before_start": {
        "en": "The end date {end} is before the start date {start}.",
        "ja": "終了日 {end} が開始日 {start} より前になっています。"},
    "annotations.error.duplicate": {
        "en": "The event “{label}” on {date} is already there.",
        "ja": "{date} の出来事「{label}」はすでに登録されています。"},
    "annotations.error.not_found": {"en": "There is no event with the id {id}.",
                                    "ja": "ID {id} の出来事はありません。"},
    "annotations.error.csv_unreadable": {
        "en": "The file could not be read as text (UTF-8 or Shift_JIS).",
        "ja": "ファイルをテキスト（UTF-8 または Shift_JIS）として読めませんでした。"},
    "annotations.error.csv_columns": {
        "en": "The file needs the columns date and label (end is optional), and it has: {found}.",
        "ja": "ファイルには date と label の列が必要です（end は任意）。この列があります：{found}。"},
    "annotations.error.rejected": {
        "en": "Nothing was imported, because {n} rows are not events ({reasons}).",
        "ja": "{n} 行が出来事として読めないため、何も取り込みませんでした（{reasons}）。"},
    "annotations.error.rejected.one": {
        "en": "Nothing was imported, because 1 row is not an event ({reasons}).",
        "ja": "1 行が出来事として読めないため、何も取り込みませんでした（{reasons}）。"},
    "annotations.error.line": {"en": "line {line}: {reason}", "ja": "{line} 行目：{reason}"},
    "annotations.error.more": {"en": "and {n} more", "ja": "ほか {n} 行"},
}
