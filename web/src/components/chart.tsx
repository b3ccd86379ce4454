import { useEffect, useRef } from "react";
import { COLORS, type EChartsOption, echarts } from "../charts/echarts.ts";

interface ChartProps {
  option: EChartsOption;
  /** What the chart shows, for screen readers (the numbers are also in a table beside it). */
  label: string;
  height?: number;
  onClick?(params: { name?: string; data?: unknown; dataType?: string }): void;
}

/** An ECharts chart that follows its container's size and is disposed with it. */
export function Chart({ option, label, height = 320, onClick }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (params) => clickRef.current?.(params as never));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        color: COLORS.series,
        animationDuration: 300,
        aria: { enabled: true, label: { description: label } },
        textStyle: { fontFamily: "inherit" },
        ...option,
      },
      { notMerge: true },
    );
  }, [option, label]);

  return <div ref={ref} className="chart" role="img" aria-label={label} style={{ height }} />;
}
