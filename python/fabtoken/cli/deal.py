"""fabtoken deal: both sides of a marketplace deal against lab revenue per MW, and an IaaS deal."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._core import IaasDeal, MarketplaceDeal, RevenueShareHurdle, format_table, format_value
from ._shared import add_format, parse_numbers, records, whole_percent

# figures.md s2's tables: (row label, sensitivity column, unit).
_CLOUD_ROWS = [("Cloud net revenue per MW", "cloud_net_revenue_musd_per_mw_year", "USD M"),
               ("Cloud EBIT per MW", "cloud_ebit_musd_per_mw_year", "USD M"),
               ("Cloud EBIT margin", "cloud_ebit_margin", "%")]
_LAB_ROWS = [("Lab gross margin per MW", "lab_gross_margin_musd_per_mw_year", "USD M"),
             ("Lab gross margin", "lab_gross_margin", "%")]
_BOOKED_ROWS = [("Lab revenue recognized (gross)", "lab_revenue_recognized_musd_per_year", "USD M/year"),
                ("Cloud revenue recognized (net)", "cloud_revenue_recognized_musd_per_year", "USD M/year")]


def register(commands: Any) -> None:
    deal = commands.add_parser("deal", help="both sides of a marketplace deal against lab revenue per MW")
    deal.add_argument("--revenue-share", type=float, default=0.25, help="cloud's share of lab revenue (default 0.25)")
    deal.add_argument("--iaas-fee", type=float, default=7.5, help="USD M per MW-year paid by the lab (default 7.5)")
    deal.add_argument("--cloud-opex", type=float, default=6.5, help="cloud's USD M per MW-year (default 6.5)")
    deal.add_argument("--compute-mw", type=float, default=1.0, help="MW of compute under the deal (default 1)")
    deal.add_argument("--hurdle", action="append", default=[], metavar="THRESHOLD:SHARE",
                      help="above THRESHOLD USD M per MW-year, the revenue beyond it is shared at SHARE (repeatable)")
    deal.add_argument("--revenues", default="10,15,20,25,30,35,40", help="lab revenues per MW-year, USD M")
    deal.add_argument("--iaas-rental", type=float, help="compare with an IaaS deal at this USD/hr/GPU")
    deal.add_argument("--kw-per-gpu", type=float, default=1.35, help="all-in kW per GPU for the IaaS deal")
    deal.add_argument("--term-years", type=float, default=5.0, help="IaaS contract term")
    add_format(deal)
    deal.set_defaults(run=run)


def hurdle_of(text: str) -> RevenueShareHurdle:
    threshold, sep, share = text.partition(":")
    try:
        return RevenueShareHurdle(threshold_musd_per_mw_year=float(threshold), share=float(share))
    except ValueError as error:
        if not sep:
            raise ValueError(f"--hurdle expects THRESHOLD:SHARE (e.g. 30:0.15), got {text!r}") from None
        raise ValueError(f"--hurdle {text!r}: {error}") from None


def run(args: argparse.Namespace) -> str:
    deal = MarketplaceDeal(revenue_share=args.revenue_share, iaas_fee_musd_per_mw_year=args.iaas_fee,
                           cloud_opex_musd_per_mw_year=args.cloud_opex, compute_mw=args.compute_mw,
                           hurdles=[hurdle_of(h) for h in args.hurdle])
    revenues = parse_numbers(args.revenues, "--revenues")
    table = deal.sensitivity(revenues)
    iaas = None
    if args.iaas_rental is not None:
        iaas = IaasDeal(rental_usd_per_gpu_hour=args.iaas_rental, kw_per_gpu=args.kw_per_gpu,
                        cloud_opex_musd_per_mw_year=args.cloud_opex, term_years=args.term_years,
                        compute_mw=args.compute_mw)
    if args.format == "csv":
        if iaas is not None:
            table = table.assign(iaas_cloud_ebit_musd_per_mw_year=iaas.cloud_ebit_musd_per_mw_year,
                                 breakeven_lab_revenue_musd_per_mw_year=deal.breakeven_against(iaas))
        return table.to_csv(index=False)
    if args.format == "json":
        out: dict[str, object] = {
            "terms": {k: v for k, v in deal.inputs().items() if k != "hurdles"},
            "hurdles": [{"threshold_musd_per_mw_year": h.threshold_musd_per_mw_year, "share": h.share}
                        for h in deal.hurdles],
            "sensitivity": records(table),
        }
        if iaas is not None:
            out["iaas"] = {"cloud_ebit_musd_per_mw_year": iaas.cloud_ebit_musd_per_mw_year,
                           "breakeven_lab_revenue_musd_per_mw_year": deal.breakeven_against(iaas)}
        return json.dumps(out, indent=2, allow_nan=False)

    def section(title: str, rows: list[tuple[str, str, str]]) -> str:
        cells = [[label, unit] + [whole_percent(v) if unit == "%" else f"{v:,.2f}" for v in table[column]]
                 for label, column, unit in rows]
        return format_table([title, "Unit"] + [format_value(r) for r in revenues], cells, 2)

    terms = (f"Revenue share {100 * args.revenue_share:g}%, IaaS fee {args.iaas_fee:g} and cloud opex "
             f"{args.cloud_opex:g} USD M per MW-year, {args.compute_mw:g} MW"
             + "".join(f"; {100 * h.share:g}% above {h.threshold_musd_per_mw_year:g}" for h in deal.hurdles))
    parts = [terms, "", section("Lab gross revenue per MW (USD M)", _CLOUD_ROWS),
             section("Lab gross revenue per MW (USD M)", _LAB_ROWS),
             section(f"Booked over {args.compute_mw:g} MW", _BOOKED_ROWS)]
    if iaas is not None:
        breakeven = deal.breakeven_against(iaas)
        parts.append(f"IaaS deal at {args.iaas_rental:g} USD/hr/GPU: cloud EBIT "
                     f"{format_value(iaas.cloud_ebit_musd_per_mw_year)} USD M per MW-year "
                     f"({100 * iaas.cloud_ebit_margin:.0f}% margin); the marketplace deal earns the cloud as much at "
                     + (f"{format_value(breakeven)} USD M of lab revenue per MW-year" if breakeven is not None
                        else "no lab revenue"))
    return "\n".join(parts) + "\n"
