// Draws the dashboard charts from the figures the server embedded in #chart-data.
(function () {
  var el = document.getElementById('chart-data');
  if (!el || !window.echarts) { return; }
  var f = JSON.parse(el.getAttribute('data-charts'));
  var C = { promoter: '#16a34a', passive: '#f59e0b', detractor: '#dc2626', ink: '#0f172a', muted: '#64748b',
            brand: '#4f46e5', brand2: '#818cf8', grid: '#e2e8f0' };
  var font = { fontFamily: 'Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif' };
  var charts = [];

  function draw(id, option) {
    var node = document.getElementById(id);
    if (!node) { return; }
    var chart = echarts.init(node, null, { renderer: 'svg' });
    option.textStyle = font;
    option.animationDuration = 400;
    chart.setOption(option);
    charts.push(chart);
  }
  function empty(text) {
    return { title: { text: text, left: 'center', top: 'middle', textStyle: { color: C.muted, fontSize: 13, fontWeight: 'normal' } } };
  }

  var weeks = f.npsByWeek || [];
  draw('chart-nps-week', weeks.length === 0 ? empty('No answers in this period') : {
    tooltip: { trigger: 'axis' },
    legend: { data: ['NPS', 'Answers'], right: 0, textStyle: { color: C.muted } },
    grid: { left: 40, right: 40, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: weeks.map(function (w) { return w.weekStart; }),
             axisLine: { lineStyle: { color: C.grid } }, axisLabel: { color: C.muted } },
    yAxis: [{ type: 'value', min: -100, max: 100, splitLine: { lineStyle: { color: C.grid } }, axisLabel: { color: C.muted } },
            { type: 'value', minInterval: 1, splitLine: { show: false }, axisLabel: { color: C.muted } }],
    series: [
      { name: 'Answers', type: 'bar', yAxisIndex: 1, data: weeks.map(function (w) { return w.responses; }),
        itemStyle: { color: '#e0e7ff', borderRadius: [4, 4, 0, 0] }, barMaxWidth: 28 },
      { name: 'NPS', type: 'line', smooth: true, symbolSize: 8, data: weeks.map(function (w) { return w.nps; }),
        lineStyle: { width: 3, color: C.brand }, itemStyle: { color: C.brand },
        areaStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
          { offset: 0, color: 'rgba(79,70,229,0.25)' }, { offset: 1, color: 'rgba(79,70,229,0)' }]) },
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: C.muted, type: 'dashed' }, data: [{ yAxis: 0 }] } }
    ]
  });

  var n = f.nps;
  draw('chart-mix', n.responses === 0 ? empty('No answers yet') : {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, textStyle: { color: C.muted } },
    series: [{ type: 'pie', radius: ['55%', '78%'], center: ['50%', '45%'], avoidLabelOverlap: true,
      itemStyle: { borderColor: '#fff', borderWidth: 3, borderRadius: 6 },
      label: { show: true, position: 'center', formatter: function () { return (n.nps === null ? '–' : n.nps) + '\nNPS'; },
               fontSize: 22, fontWeight: 'bold', color: C.ink, lineHeight: 26 },
      data: [{ name: 'Promoters', value: n.promoters, itemStyle: { color: C.promoter } },
             { name: 'Passives', value: n.passives, itemStyle: { color: C.passive } },
             { name: 'Detractors', value: n.detractors, itemStyle: { color: C.detractor } }] }]
  });

  var fu = f.funnel;
  var steps = [['Promoters', fu.promoters], ['Acted on', fu.acknowledged], ['Consent', fu.consents],
               ['Reference used', fu.referencesUsed], ['Testimonial', fu.testimonials], ['Referral', fu.referrals]];
  draw('chart-funnel', steps.every(function (x) { return x[1] === 0; }) ? empty('No promoters in this period') : {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 110, right: 36, top: 8, bottom: 8 },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', inverse: true, data: steps.map(function (s) { return s[0]; }),
             axisLine: { show: false }, axisTick: { show: false }, axisLabel: { color: C.ink } },
    series: [{ type: 'bar', data: steps.map(function (s, i) { return { value: s[1], itemStyle: { color: i < 2 ? C.brand : C.brand2 } }; }),
               barWidth: 16, itemStyle: { borderRadius: 8 }, label: { show: true, position: 'right', color: C.ink },
               showBackground: true, backgroundStyle: { color: '#f1f5f9', borderRadius: 8 } }]
  });

  var s = f.sla;
  draw('chart-sla', (s.onTime + s.late + s.overdueOpen) === 0 ? empty('Nothing due yet') : {
    series: [{ type: 'gauge', startAngle: 210, endAngle: -30, min: 0, max: 100, radius: '92%', center: ['50%', '58%'],
      progress: { show: true, width: 14, itemStyle: { color: s.compliance >= 90 ? C.promoter : s.compliance >= 70 ? C.passive : C.detractor } },
      axisLine: { lineStyle: { width: 14, color: [[1, '#f1f5f9']] } }, pointer: { show: false },
      axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
      title: { offsetCenter: [0, '38%'], color: C.muted, fontSize: 12 },
      detail: { valueAnimation: true, offsetCenter: [0, '0%'], formatter: '{value}%', fontSize: 30, fontWeight: 'bold', color: C.ink },
      data: [{ value: s.compliance, name: s.onTime + ' on time · ' + s.late + ' late · ' + s.overdueOpen + ' overdue' }] }]
  });

  var owners = f.owners || [];
  draw('chart-owners', owners.length === 0 ? empty('Nothing open') : {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { right: 0, textStyle: { color: C.muted } },
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: C.grid } }, axisLabel: { color: C.muted } },
    yAxis: { type: 'category', inverse: true, data: owners.map(function (o) { return o.owner; }),
             axisLabel: { color: C.ink } },
    series: [{ name: 'On track', type: 'bar', stack: 'n', data: owners.map(function (o) { return o.open - o.overdue; }),
               itemStyle: { color: C.brand2 }, barWidth: 14 },
             { name: 'Overdue', type: 'bar', stack: 'n', data: owners.map(function (o) { return o.overdue; }),
               itemStyle: { color: C.detractor, borderRadius: [0, 6, 6, 0] }, barWidth: 14 }]
  });

  var trees = f.referralTrees || [];
  function node(r) { return { name: r.label, value: r.status, children: (r.children || []).map(node) }; }
  draw('chart-trees', trees.length === 0 ? empty('No referrals yet') : {
    tooltip: { trigger: 'item', formatter: function (p) { return p.name + (p.value ? ' · ' + p.value : ''); } },
    series: [{ type: 'tree', data: [{ name: 'Customers', children: trees.map(node) }], top: 10, left: 90, bottom: 10, right: 160,
               symbolSize: 9, itemStyle: { color: C.brand, borderColor: C.brand },
               label: { position: 'left', verticalAlign: 'middle', align: 'right', color: C.ink },
               leaves: { label: { position: 'right', align: 'left' } }, expandAndCollapse: true, initialTreeDepth: 4 }]
  });

  // The "Reference requests" card reads its own data attribute, labelled and formatted by the server.
  function drawRequestStages(card) {
    var stages = card.stages.filter(function (st) { return st.count > 0; });
    draw('chart-request-stages', stages.length === 0 ? empty('No requests made in this period') : {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 24, right: 36, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: C.grid } }, axisLabel: { color: C.muted } },
      yAxis: { type: 'category', inverse: true, data: stages.map(function (st) { return st.label; }),
               axisLine: { show: false }, axisTick: { show: false }, axisLabel: { color: C.ink } },
      series: [{ name: 'Requests', type: 'bar', barWidth: 14, label: { show: true, position: 'right', color: C.ink },
                 data: stages.map(function (st) {
                   var color = st.key === 'won' ? C.promoter : st.key === 'lost' || /declined/.test(st.key) ? C.detractor : C.brand;
                   return { value: st.count, itemStyle: { color: color, borderRadius: [0, 6, 6, 0] } };
                 }) }]
    });
  }
  function drawRequestRevenue(card) {
    var quarters = card.quarters;
    if (quarters.length === 0) { return; }
    draw('chart-request-revenue', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
                 formatter: function (p) { var q = quarters[p[0].dataIndex]; return q.label + ': ' + q.amountText + ' · ' + q.deals + ' won'; } },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: quarters.map(function (q) { return q.label; }), axisLabel: { color: C.muted } },
      yAxis: { type: 'value', splitLine: { lineStyle: { color: C.grid } }, axisLabel: { color: C.muted } },
      series: [{ name: 'Influenced revenue', type: 'bar', barMaxWidth: 36, itemStyle: { color: C.promoter, borderRadius: [4, 4, 0, 0] },
                 label: { show: true, position: 'top', color: C.ink, formatter: function (p) { return quarters[p.dataIndex].amountText; } },
                 data: quarters.map(function (q) { return q.amount; }) }]
    });
  }
  var requestData = document.getElementById('request-data');
  if (requestData) {
    var requestCard = JSON.parse(requestData.getAttribute('data-requests'));
    drawRequestStages(requestCard);
    drawRequestRevenue(requestCard);
  }

  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.body.setAttribute('data-charts-ready', String(charts.length));
})();
